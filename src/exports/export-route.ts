import { GraphQLError } from 'graphql';
import express, { type RequestHandler, type Response, type Router } from 'express';
import type { ExportAuditEvent } from '../audit/audit-event';
import { authRealm } from '../auth-gate-plugin';
import type { Principal } from '../auth/principal';
import type { Context } from '../context';
import { authOf, requestIdOf, type FrontHandler } from '../http';
import type { Logger } from '../logger';
import { LookerError } from '../looker/errors';
import type { LookerUserRef } from '../policy';
import { attachmentDisposition } from './attachment-disposition';
import { exportFormats } from './export-format';
import type { ExportLinks } from './export-links';
import { runExport, type ExportBounds } from './export-run';

/** Scopes a download needs, as the `exportUrl` fields that mint the links. */
export const exportScopes: readonly string[] = ['looker:content:read', 'looker:data:read'];

/** The caller a download runs for. */
export interface ExportCaller {
  readonly principal: Principal;
  readonly lookerUser: LookerUserRef | undefined;
  readonly requestId: string;
}

/** Options of {@link exportRouter}. */
export interface ExportRouterOptions {
  readonly links: ExportLinks;
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

/** HTTP statuses of the failures an export may meet; anything else is 500 with a masked message. */
const statusOfCode: Readonly<Record<string, number>> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  LOOKER_QUERY_FAILED: 422,
  LOOKER_BUDGET_EXCEEDED: 413,
  LOOKER_RATE_LIMITED: 429,
  LOOKER_UNAVAILABLE: 503,
};

/** The code and client-safe message of a failure (our own messages; anything unexpected masked). */
function failureOf(error: unknown): { code: string; message: string; status: number } {
  const code = error instanceof LookerError ? error.code : error instanceof GraphQLError ? String(error.extensions.code ?? 'INTERNAL_SERVER_ERROR') : 'INTERNAL_SERVER_ERROR';
  const status = statusOfCode[code] ?? 500;
  return { code, status, message: status === 500 || !(error instanceof Error) ? 'Internal server error' : error.message };
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).set('cache-control', 'no-store').json({ error: { code, message } });
}

/**
 * `GET /exports/<link>`: downloads what an `exportUrl` field minted. The bearer token is verified
 * as for `/graphql` and must be the subject the link was minted for, with the scopes the field
 * needs now (a policy change applies at once); the look or tile is read anew and run as the
 * caller's Looker identity, through the caller's fair share and the request budgets; Looker's own
 * bytes are answered with the format's content type as an attachment. Every download, refused ones
 * included, writes one `export` audit event.
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
    const audit = (outcome: ExportAuditEvent['outcome'], status: number, reason?: string) =>
      options.audit({
        type: 'export',
        time: new Date().toISOString(),
        requestId,
        subject: principal?.subject ?? null,
        clientId: principal?.clientId ?? null,
        lookerUser: run.ctx?.looker.lookerUserId ?? null,
        ...opened,
        outcome,
        ...(reason === undefined ? {} : { reason }),
        status,
        resources: run.ctx ? [...run.ctx.looker.touched] : [],
        lookerCalls: run.ctx?.looker.calls ?? 0,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    const refuse = (status: number, code: string, reason: string, message: string) => {
      sendError(res, status, code, message);
      audit(status === 401 ? 'unauthenticated' : 'refused', status, reason);
    };

    if (!principal) {
      res.set('www-authenticate', `Bearer realm="${authRealm}"${tokenRejection ? ', error="invalid_token"' : ''}`);
      refuse(401, 'UNAUTHENTICATED', tokenRejection ?? 'missing', tokenRejection ? 'Invalid access token' : 'Authentication required: send the OIDC access token as Authorization: Bearer');
      return;
    }
    const link = options.links.open(String(req.params.link));
    if (link === 'invalid_link') return refuse(404, 'NOT_FOUND', link, 'No such export link');
    if (link === 'expired_link') return refuse(410, 'EXPIRED', link, 'This export link has expired: ask for a new one');
    opened = { resource: link.target.kind === 'look' ? `look:${link.target.lookId}` : `dashboard:${link.target.dashboardId}/tile:${link.target.tileId}`, format: link.format };
    if (link.owner.subject !== principal.subject) return refuse(403, 'FORBIDDEN', 'other_subject', 'This export link was issued to another caller');
    const missing = exportScopes.filter((scope) => !principal.scopes.has(scope));
    if (missing.length > 0) return refuse(403, 'FORBIDDEN', 'forbidden', `Not allowed: an export needs the scopes ${exportScopes.join(' and ')}`);

    const ctx = options.contextFor({ principal, lookerUser, requestId });
    run.ctx = ctx;
    try {
      // The same subject may now read Looker as another Looker user (per-user mode): not the link's.
      if ((await ctx.looker.identity()) !== link.owner.lookerIdentity) return refuse(403, 'FORBIDDEN', 'other_looker_identity', 'This export link was issued for another Looker identity');
      const file = await runExport(link, options.bounds, ctx);
      const format = exportFormats[link.format];
      res
        .status(200)
        .set('content-type', format.contentType)
        .set('content-disposition', attachmentDisposition(file.title, format.extension))
        .set('cache-control', 'private, no-store')
        .set('x-content-type-options', 'nosniff')
        .send(file.body);
      audit('ok', 200);
    } catch (error) {
      const failure = failureOf(error);
      if (failure.status === 500) options.logger.error({ requestId, err: error instanceof Error ? error.name : 'error' }, 'export failed');
      sendError(res, failure.status, failure.code, failure.message);
      audit(failure.status < 500 && failure.code !== 'LOOKER_QUERY_FAILED' ? 'refused' : 'error', failure.status, failure.code.toLowerCase());
    }
  };
  if (options.cors) router.use('/exports', options.cors);
  router.get('/exports/:link', options.authenticate, download);
  return router;
}
