import { createHash, timingSafeEqual } from 'node:crypto';
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

/** Compares a presented credential with the expected one in constant time, its length included (digests of equal size). */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** Expands an IPv6 address to its eight groups (`::` filled with zeros). */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  return [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
}

/**
 * Whose failures a request counts against: its IPv4 address (an IPv4-mapped IPv6 one included), or
 * the /64 of an IPv6 address. One subscriber holds a whole /64: counting each of its addresses
 * apart would let it rotate through them.
 */
export function failureKeyOf(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(':')) return address;
  return `${ipv6Groups(address.split('%')[0] as string)
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The operator routes: `POST /admin/cache/flush`. Only the operator credential reaches them (a
 * caller's OIDC token does not). Every attempt is audited and logged, refused ones included, and
 * an address (an IPv6 /64) that presents a wrong credential {@link OPERATOR_FAILURES_PER_MINUTE}
 * times in a minute is refused (429) until the minute ends, before its credential is even compared.
 * Each attempt takes its point before the comparison and a right credential gives it back, so
 * requests pipelined on one connection (all read in one tick) cannot all be compared.
 */
export function operatorRouter(options: OperatorRouterOptions): Router {
  const failures = new RateLimiterMemory({ points: OPERATOR_FAILURES_PER_MINUTE, duration: 60 });
  const router = express.Router();
  router.post('/admin/cache/flush', async (req: Request, res: Response) => {
    const action = 'cache.flush';
    const remoteAddress = req.socket.remoteAddress ?? null;
    const requestId = requestIdOf(res);
    const record = (outcome: OperatorAuditEvent['outcome'], status: number, reason?: string) => {
      options.audit({
        type: 'operator',
        time: new Date().toISOString(),
        requestId,
        action,
        remoteAddress,
        outcome,
        ...(reason === undefined ? {} : { reason }),
        status,
      });
      const line = { requestId, action, remoteAddress, outcome, ...(reason === undefined ? {} : { reason }), status };
      if (outcome === 'ok') options.logger.info(line, 'operator action');
      else options.logger.warn(line, 'operator action refused');
    };
    const key = failureKeyOf(req.socket.remoteAddress);
    try {
      await failures.consume(key);
    } catch (limited) {
      if (!(limited instanceof RateLimiterRes)) throw limited;
      record('refused', 429, 'rate_limited');
      const retryAfter = Math.max(1, Math.ceil(limited.msBeforeNext / 1000));
      sendGraphQLError(
        res,
        'RATE_LIMITED',
        `Too many refused operator credentials from this address; retry in ${retryAfter} s`,
        { headers: { 'retry-after': String(retryAfter) } },
      );
      return;
    }
    const presented = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(presented, options.token.reveal())) {
      record('unauthenticated', 401, 'bad_credential');
      sendGraphQLError(res, 'UNAUTHENTICATED', 'The operator credential is required', {
        headers: { 'www-authenticate': tokenChallenge(presented !== '') },
      });
      return;
    }
    // The right credential costs nothing.
    await failures.reward(key, 1);
    try {
      await options.flushCache();
    } catch (error) {
      options.logger.error(
        { requestId, action, type: error instanceof Error ? error.name : typeof error },
        'operator action failed',
      );
      record('error', 500);
      sendGraphQLError(res, 'INTERNAL_SERVER_ERROR', 'The flush failed');
      return;
    }
    record('ok', 200);
    res.json({ flushed: true });
  });
  return router;
}
