import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { consume, rateLimiter } from './caller-rates';

/**
 * Writes one caller (`sub`) may make per minute (`WRITE_RATE`), across replicas with Redis: a
 * rate of its own, so an agent that loops on a mutation is stopped long before it could fill a
 * folder, whatever its share of Looker reads. Dry runs count: they cost Looker reads too.
 */
export class WriteRate {
  readonly #limiter: RateLimiterAbstract | undefined;

  constructor(
    private readonly perMinute: number,
    redis: Redis | undefined,
  ) {
    this.#limiter = rateLimiter(perMinute, redis);
  }

  /** Charges one write to the caller; LOOKER_RATE_LIMITED, saying when to retry, past the rate. */
  charge(subject: string, mutation: string): Promise<void> {
    return consume(
      this.#limiter,
      ['write-rate', subject],
      (seconds) => `This caller has used its share of writes (${this.perMinute} a minute); retry in ${seconds} s`,
      mutation,
    );
  }
}
