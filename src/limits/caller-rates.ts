import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { cacheKey, redisKeys } from '../cache';
import { LookerError } from '../errors';

/** Who a Looker call is charged to: the token's `sub` and, when the token names it, its OAuth client. */
export interface Caller {
  readonly subject: string;
  readonly clientId?: string;
}

/** The per-minute rates (0 turns one off). */
export interface CallerRateSettings {
  /** Looker calls one subject may start per minute. */
  readonly perSubjectPerMinute: number;
  /** Runs with Looker's cache off (`refresh: true`) one subject may start per minute. */
  readonly perSubjectRefreshesPerMinute: number;
  /** Looker calls all the subjects of one OAuth client may start per minute, together. */
  readonly perClientPerMinute: number;
}

/** One rate: in Redis when there is one (memory as insurance while it is down), else in memory. */
export function rateLimiter(perMinute: number, redis: Redis | undefined): RateLimiterAbstract | undefined {
  if (perMinute <= 0) return undefined;
  const memory = new RateLimiterMemory({ points: perMinute, duration: 60 });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    points: perMinute,
    duration: 60,
    keyPrefix: redisKeys.rate,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/**
 * The callers' per-minute rates (rate-limiter-flexible), counted across replicas with Redis: every
 * Looker call is charged to its subject and, with a client rate, to its OAuth client, so a client
 * that mints subjects does not multiply its share; a refresh is charged besides to its subject's
 * refresh rate, smaller, since each one is a run Looker cannot answer from its cache. Keys are
 * hashes (no subject or client id in clear in the shared store).
 */
export class CallerRates {
  private readonly subject: RateLimiterAbstract | undefined;
  private readonly refresh: RateLimiterAbstract | undefined;
  private readonly client: RateLimiterAbstract | undefined;

  constructor(
    private readonly settings: CallerRateSettings,
    redis: Redis | undefined,
  ) {
    this.subject = rateLimiter(settings.perSubjectPerMinute, redis);
    this.refresh = rateLimiter(settings.perSubjectRefreshesPerMinute, redis);
    this.client = rateLimiter(settings.perClientPerMinute, redis);
  }

  /**
   * Charges one Looker call to the subject, then to its client. A subject past its own rate is
   * refused before it can use up its client's, which the client's other users share.
   */
  async charge(caller: Caller, operation: string): Promise<void> {
    await consume(
      this.subject,
      ['rate', caller.subject],
      (seconds) =>
        `This caller has used its share of Looker calls (${this.settings.perSubjectPerMinute} a minute); retry in ${seconds} s`,
      operation,
    );
    if (caller.clientId === undefined) return;
    await consume(
      this.client,
      ['client-rate', caller.clientId],
      (seconds) =>
        `This caller's OAuth client has used its share of Looker calls, all its users together (${this.settings.perClientPerMinute} a minute); retry in ${seconds} s`,
      operation,
    );
  }

  /** Charges one run with Looker's cache off to the subject's refresh rate. */
  async chargeRefresh(caller: Caller, operation: string): Promise<void> {
    await consume(
      this.refresh,
      ['refresh-rate', caller.subject],
      (seconds) =>
        `This caller has used its share of refreshes (${this.settings.perSubjectRefreshesPerMinute} a minute); retry in ${seconds} s, or ask without refresh for the cached result`,
      operation,
    );
  }
}

/** One point of `limiter` under the hashed `key`; LOOKER_RATE_LIMITED, saying when to retry, when none is left. */
export async function consume(
  limiter: RateLimiterAbstract | undefined,
  key: readonly string[],
  message: (seconds: number) => string,
  operation: string,
): Promise<void> {
  if (!limiter) return;
  try {
    await limiter.consume(cacheKey(key), 1);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw new LookerError(
      'LOOKER_RATE_LIMITED',
      message(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))),
      operation,
    );
  }
}
