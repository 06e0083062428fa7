import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { recordOperation } from '../observability';
import type { FrontHandler } from './handler-chain';
import { requestIdOf } from './request-id';
import type { AuditEvent, AuditOutcome } from '../audit/audit-event';

/** Why the HTTP front turned a request away, for its audit event. */
export interface RequestRefusal {
  /** A stable code: `malformed_json`, `content_type`, `csrf`, or a token refusal reason. */
  readonly reason: string;
  /** Default: `unauthenticated` for 401, else `refused` (or `error` for 5xx). */
  readonly outcome?: AuditOutcome;
}

/** Who made a request, as far as the HTTP front knows it. */
export interface RequestCaller {
  readonly subject: string;
  readonly clientId: string | undefined;
}

/**
 * Makes every request to the GraphQL endpoint leave exactly one audit event. Operations that
 * reach Apollo are audited by the audit plugin, which reports it through {@link markAudited};
 * any other answer (a refusal by the HTTP front, or a failure inside Apollo before its plugins
 * run) is audited here, just before its last bytes are written, from the status, the refusal's
 * reason and the error codes of our own answer. Nothing of the request body is ever read here.
 */
export interface RequestAudit {
  /** Handler of the GraphQL front, first after the request id and trace. */
  readonly track: FrontHandler;
  /** Ties a GraphQL context to its HTTP response (from the context function). */
  link(context: object, res: ServerResponse): void;
  /** The audit plugin wrote the event of this context's request. */
  markAudited(context: object): void;
  /** Records why the request is being refused, before the refusal is sent. */
  refuse(res: ServerResponse, refusal: RequestRefusal): void;
}

interface RequestState {
  audited: boolean;
  readonly started: number;
  refusal?: RequestRefusal;
}

/** Our answers are small JSON documents; anything larger is not one of our error answers. */
const maxParsedAnswer = 64 * 1024;

/** Error codes of our own JSON answer, counted; empty when it is not a GraphQL error answer. */
function errorCodesOf(chunk: unknown): Record<string, number> {
  const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
  const counts: Record<string, number> = {};
  if (text.length === 0 || text.length > maxParsedAnswer || !text.startsWith('{')) return counts;
  try {
    const parsed = JSON.parse(text) as { errors?: unknown };
    if (!Array.isArray(parsed.errors)) return counts;
    for (const error of parsed.errors as { extensions?: { code?: unknown } }[]) {
      const code = typeof error?.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN';
      counts[code] = (counts[code] ?? 0) + 1;
    }
  } catch {
    // Not JSON: no codes to report.
  }
  return counts;
}

function outcomeFor(status: number): AuditOutcome {
  if (status === 401) return 'unauthenticated';
  if (status === 0 || status >= 500) return 'error';
  return 'refused';
}

function fallbackReason(status: number, codes: Record<string, number>): string {
  const first = Object.keys(codes)[0];
  if (first !== undefined) return first.toLowerCase();
  if (status === 0) return 'connection_closed';
  return status >= 500 ? 'internal_error' : `http_${status}`;
}

/** Builds the request-level audit of the GraphQL endpoint. */
export function createRequestAudit(options: {
  sink: Logger;
  /** The verified caller of a request, when the HTTP front has one. */
  callerOf: (res: ServerResponse) => RequestCaller | null;
  now?: () => number;
}): RequestAudit {
  const now = options.now ?? (() => performance.now());
  const byResponse = new WeakMap<ServerResponse, RequestState>();
  // Apollo hands plugins a shallow copy of the context. The link is therefore an enumerable own
  // property, which the copy keeps (a WeakMap by identity would not); symbol-keyed, so no resolver
  // sees it.
  const stateKey = Symbol('requestAudit');
  const stateOf = (context: object): RequestState | undefined =>
    Reflect.get(context, stateKey) as RequestState | undefined;

  const write = (res: ServerResponse, state: RequestState, status: number, chunk: unknown) => {
    state.audited = true;
    const codes = errorCodesOf(chunk);
    const caller = options.callerOf(res);
    const outcome = state.refusal?.outcome ?? outcomeFor(status);
    const event: AuditEvent = {
      type: 'graphql.operation',
      time: new Date().toISOString(),
      requestId: requestIdOf(res),
      subject: caller?.subject ?? null,
      clientId: caller?.clientId ?? null,
      lookerUser: null,
      operationName: null,
      documentHash: null,
      outcome,
      reason: state.refusal?.reason ?? fallbackReason(status, codes),
      status,
      denied: [],
      errors: codes,
      resources: [],
      lookerCalls: 0,
      cacheHits: 0,
      durationMs: Math.round((now() - state.started) * 10) / 10,
    };
    options.sink.info(event);
    // Refused before any operation ran: the operation metrics count it too, without a name.
    recordOperation(
      null,
      outcome === 'ok' || outcome === 'partial' ? 'error' : outcome,
      event.durationMs / 1000,
      event.subject !== null,
    );
  };

  const track: FrontHandler = (_req, res, next) => {
    const state: RequestState = { audited: false, started: now() };
    byResponse.set(res, state);
    const end = res.end;
    // Patched rather than hooked on 'finish': the event is written before the client can read the
    // answer, as the plugin writes its events. A reader never sees an answer unaudited.
    res.end = function auditedEnd(this: ServerResponse, ...args: unknown[]) {
      if (!state.audited) write(res, state, res.statusCode, typeof args[0] === 'function' ? undefined : args[0]);
      return Reflect.apply(end, this, args) as ServerResponse;
    } as ServerResponse['end'];
    res.on('close', () => {
      if (!state.audited) write(res, state, 0, undefined);
    });
    next();
  };

  return {
    track,
    link(context, res) {
      const state = byResponse.get(res);
      if (state) Object.defineProperty(context, stateKey, { value: state, enumerable: true });
    },
    markAudited(context) {
      const state = stateOf(context);
      if (state) state.audited = true;
    },
    refuse(res, refusal) {
      const state = byResponse.get(res);
      if (state) state.refusal = refusal;
    },
  };
}
