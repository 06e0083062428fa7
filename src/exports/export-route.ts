import { GraphQLError, type GraphQLSchema } from 'graphql';
import express, { type RequestHandler, type Response, type Router } from 'express';
import { AUTHENTICATED, authorizationError, requiredScopesFor } from '../../directives';
import type { ExportAuditEvent } from '../audit/audit-event';
import type { Principal } from '../auth/principal';
import type { Context } from '../context/context';
import { httpStatusOf, isClientSafe, isErrorCode, tokenChallenge, type ErrorCode } from '../errors';
import { authOf, clientGoneSignal, requestIdOf, type FrontHandler } from '../http';
import type { Logger } from '../observability/logger';
import { LookerError } from '../looker/errors';
import type { LookerUserRef } from '../policy';
import { attachmentDisposition } from './attachment-disposition';
import { exportFormats } from '../export-links/export-format';
import type { ExportLink, ExportLinks } from '../export-links/export-links';
import { runExport, type ExportBounds } from './export-run';

/** The caller a download runs for. */
export interface ExportCaller {
  readonly principal: Principal;
  readonly lookerUser: LookerUserRef | undefined;
  readonly requestId: string;
  /** Aborts when the download's client went away: its Looker work stops. */
  readonly signal?: AbortSignal;
}

/** Options of {@link exportRouter}. */
export interface ExportRouterOptions {
  readonly links: ExportLinks;
  /** The served schema: a download needs what its `exportUrl` field needs there. */
  readonly schema: GraphQLSchema;
  /** The CORS policy of downloads (browser apps on other origins fetch them with the token); none by default. */
  readonly cors?: RequestHandler;
  /** The HTTP front's token check (the same middleware as `/graphql`'s). */
  readonly authenticate: FrontHandler;
  /** Builds the caller's context as `/graphql` does (Looker session, loaders, budgets, fair share). */
  readonly contextFor: (caller: ExportCaller) => Context;
  readonly bounds: ExportBounds;
  readonly audit: (event: ExportAuditEvent) => void;
  readonly logger: Logger;
}

/** The code and message of a failure: a client-safe code keeps our message, anything else is masked. */
function failureOf(error: unknown): { code: ErrorCode; message: string } {
  const code =
    error instanceof LookerError ? error.code : error instanceof GraphQLError ? error.extensions.code : undefined;
  if (error instanceof Error && isErrorCode(code) && isClientSafe(code)) return { code, message: error.message };
  return { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
}

/** A download's error answer: `{"error":{code,message}}` with the code's HTTP status. */
function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(httpStatusOf(code)).set('cache-control', 'no-store').json({ error: { code, message } });
}

/** The field that minted a link: a download needs what reading that field needs. */
function mintingField(link: ExportLink): { type: string; field: string } {
  return { type: link.target.kind === 'look' ? 'Look' : 'DashboardTile', field: 'exportUrl' };
}

/**
 * Data rows of a downloaded file: CSV records after the header (line breaks inside quotes are
 * part of a cell), or the items of Looker's JSON array; undefined for XLSX, which is not read back.
 */
function rowCount(format: string, body: Buffer): number | undefined {
  if (format === 'JSON') {
    try {
      const value: unknown = JSON.parse(body.toString('utf8'));
      return Array.isArray(value) ? value.length : undefined;
    } catch {
      return undefined;
    }
  }
  if (format !== 'CSV') return undefined;
  let records = 0;
  let quoted = false;
  for (const byte of body) {
    if (byte === 0x22) quoted = !quoted;
    else if (byte === 0x0a && !quoted) records++;
  }
  // A last record without a line break counts too.
  if (body.length > 0 && body[body.length - 1] !== 0x0a) records++;
  return Math.max(records - 1, 0);
}

/**
 * `GET /exports/<link>`: downloads what an `exportUrl` field minted. The bearer token is verified
 * as for `/graphql` and must be the subject the link was minted for, with the scopes the field
 * needs now, decided by the `@auth` directive's own check (a policy change applies at once); the
 * look or tile is read anew and run as the caller's Looker identity, through the caller's fair
 * share and the request budgets; Looker's own bytes are answered with the format's content type as
 * an attachment. Every download, refused ones included, writes one `export` audit event.
 */
export function exportRouter(options: ExportRouterOptions): Router {
  const router = express.Router();
  const download: RequestHandler = async (req, res) => {
    const started = performance.now();
    const requestId = requestIdOf(res);
    const { principal, lookerUser, tokenRejection } = authOf(res);
    // Built once the link proved to be the caller's; the audit reads what it spent.
    const run: { ctx?: Context } = {};
    let opened: { resource: string | null; format: string | null } = { resource: null, format: null };
    // What the download held, for access reviews: the title it was named by and its row count.
    let held: { title?: string; rows?: number } = {};
    const audit = (outcome: ExportAuditEvent['outcome'], status: number, reason?: string) =>
      options.audit({
        type: 'export',
        time: new Date().toISOString(),
        requestId,
        subject: principal?.subject ?? null,
        clientId: principal?.clientId ?? null,
        ...(principal ? { scopes: [...principal.scopes].sort() } : {}),
        lookerUser: run.ctx?.looker.lookerUserId ?? null,
        ...opened,
        ...held,
        outcome,
        ...(reason === undefined ? {} : { reason }),
        status,
        resources: run.ctx ? [...run.ctx.looker.touched] : [],
        lookerCalls: run.ctx?.looker.calls ?? 0,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    const refuse = (code: ErrorCode, reason: string, message: string) => {
      sendError(res, code, message);
      audit(code === 'UNAUTHENTICATED' ? 'unauthenticated' : 'refused', httpStatusOf(code), reason);
    };

    if (!principal) {
      res.set('www-authenticate', tokenChallenge(tokenRejection !== undefined));
      refuse(
        'UNAUTHENTICATED',
        tokenRejection ?? 'missing',
        tokenRejection
          ? 'Invalid access token'
          : 'Authentication required: send the OIDC access token as Authorization: Bearer',
      );
      return;
    }
    const link = options.links.open(String(req.params.link));
    if (link === 'invalid_link') return refuse('NOT_FOUND', link, 'No such export link');
    if (link === 'expired_link') return refuse('EXPIRED', link, 'This export link has expired: ask for a new one');
    opened = {
      resource:
        link.target.kind === 'look'
          ? `look:${link.target.lookId}`
          : `dashboard:${link.target.dashboardId}/tile:${link.target.tileId}`,
      format: link.format,
    };
    if (link.owner.subject !== principal.subject)
      return refuse('FORBIDDEN', 'other_subject', 'This export link was issued to another caller');
    const minted = mintingField(link);
    const denied = authorizationError(
      requiredScopesFor(options.schema, minted.type, minted.field) ?? AUTHENTICATED,
      principal,
    );
    if (denied) return refuse('FORBIDDEN', 'forbidden', denied.message);

    const ctx = options.contextFor({ principal, lookerUser, requestId, signal: clientGoneSignal(res) });
    run.ctx = ctx;
    try {
      // The same subject may now read Looker as another Looker user (per-user mode): not the link's.
      if ((await ctx.looker.identity()) !== link.owner.lookerIdentity)
        return refuse('FORBIDDEN', 'other_looker_identity', 'This export link was issued for another Looker identity');
      const file = await runExport(link, options.bounds, ctx);
      const format = exportFormats[link.format];
      res
        .status(200)
        .set('content-type', format.contentType)
        .set('content-disposition', attachmentDisposition(file.title, format.extension))
        .set('cache-control', 'private, no-store')
        .set('x-content-type-options', 'nosniff')
        .send(file.body);
      const rows = rowCount(link.format, file.body);
      held = { title: file.title, ...(rows === undefined ? {} : { rows }) };
      audit('ok', 200);
    } catch (error) {
      const failure = failureOf(error);
      const status = httpStatusOf(failure.code);
      if (failure.code === 'INTERNAL_SERVER_ERROR')
        options.logger.error({ requestId, err: error instanceof Error ? error.name : 'error' }, 'export failed');
      sendError(res, failure.code, failure.message);
      audit(
        status < 500 && failure.code !== 'LOOKER_QUERY_FAILED' ? 'refused' : 'error',
        status,
        failure.code.toLowerCase(),
      );
    }
  };
  if (options.cors) router.use('/exports', options.cors);
  router.get('/exports/:link', options.authenticate, download);
  return router;
}
