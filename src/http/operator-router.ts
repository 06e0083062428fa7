import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { OperatorAuditEvent } from '../audit/audit-event';
import { sendGraphQLError, tokenChallenge } from '../errors';
import type { Logger } from '../observability/logger';
import type { Secret } from '../config/secret';
import { requestIdOf } from './request-id';

/** Failed credentials one address may present per minute before it is refused for the rest of it. */
export const OPERATOR_FAILURES_PER_MINUTE = 5;

/** What the operator routes act on and report to. */
export interface OperatorRouterOptions {
  /** The operator credential (`OPERATOR_TOKEN`), presented as a bearer token. */
  readonly token: Secret;
  /** Empties the shared cache (every level, every replica). */
  readonly flushCache: () => Promise<void>;
  readonly logger: Logger;
  readonly audit: (event: OperatorAuditEvent) => void;
}

/** Compares a presented credential with the expected one in constant time. */
function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The operator routes: `POST /admin/cache/flush`. Only the operator credential reaches them (a
 * caller's OIDC token does not). Every attempt is audited and logged, refused ones included, and
 * an address that presents a wrong credential {@link OPERATOR_FAILURES_PER_MINUTE} times in a
 * minute is refused (429) until the minute ends, before its credential is even compared.
 */
export function operatorRouter(options: OperatorRouterOptions): Router {
  const failures = new RateLimiterMemory({ points: OPERATOR_FAILURES_PER_MINUTE, duration: 60 });
  const router = express.Router();
  router.post('/admin/cache/flush', async (req: Request, res: Response) => {
    const action = 'cache.flush';
    const remoteAddress = req.socket.remoteAddress ?? null;
    const requestId = requestIdOf(res);
    const record = (outcome: OperatorAuditEvent['outcome'], status: number, reason?: string) => {
      options.audit({ type: 'operator', time: new Date().toISOString(), requestId, action, remoteAddress, outcome, ...(reason === undefined ? {} : { reason }), status });
      const line = { requestId, action, remoteAddress, outcome, ...(reason === undefined ? {} : { reason }), status };
      if (outcome === 'ok') options.logger.info(line, 'operator action');
      else options.logger.warn(line, 'operator action refused');
    };
    const key = remoteAddress ?? 'unknown';
    const spent = await failures.get(key);
    if (spent !== null && spent.remainingPoints <= 0) {
      record('refused', 429, 'rate_limited');
      const retryAfter = Math.max(1, Math.ceil(spent.msBeforeNext / 1000));
      sendGraphQLError(res, 'RATE_LIMITED', `Too many refused operator credentials from this address; retry in ${retryAfter} s`, { headers: { 'retry-after': String(retryAfter) } });
      return;
    }
    const presented = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(presented, options.token.reveal())) {
      await failures.consume(key).catch((limited: unknown) => {
        if (!(limited instanceof RateLimiterRes)) throw limited;
      });
      record('unauthenticated', 401, 'bad_credential');
      sendGraphQLError(res, 'UNAUTHENTICATED', 'The operator credential is required', { headers: { 'www-authenticate': tokenChallenge(presented !== '') } });
      return;
    }
    try {
      await options.flushCache();
    } catch (error) {
      options.logger.error({ requestId, action, type: error instanceof Error ? error.name : typeof error }, 'operator action failed');
      record('error', 500);
      sendGraphQLError(res, 'INTERNAL_SERVER_ERROR', 'The flush failed');
      return;
    }
    record('ok', 200);
    res.json({ flushed: true });
  });
  return router;
}
