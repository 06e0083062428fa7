import type { Redis } from 'ioredis';
import { cacheKey, redisKeys, type RedisLinkLogger } from '../cache';
import type { SemaphoreLease } from './semaphore-lease';

/** How long closing waits for the held leases to be given back. */
const closeWaitMs = 1_000;

/** Does nothing: the release of a slot that holds no lease, or the end of a give-back that may fail. */
export const nothingToRelease = (): void => undefined;

/** What the log says when the slots fall back to each replica's own bound, and when Redis works again. */
export interface FallbackMessages {
  readonly failing: string;
  readonly recovered: string;
}

/**
 * Per-subject slots held as leases in Redis semaphores (`redis-semaphore`: a sorted set of leases
 * with expiry, taken by a Lua script), under a hash of the subject. Redis unreachable or failing
 * never fails a caller: it goes on with its replica's own bound, and the log says so once (and once
 * more when Redis works again).
 */
export class RedisLeases {
  #failing = false;

  constructor(
    readonly redis: Redis,
    private readonly kind: 'slots' | 'tasks',
    private readonly messages: FallbackMessages,
    private readonly logger?: RedisLinkLogger,
  ) {}

  /** Whether Redis can be asked now. */
  get ready(): boolean {
    return this.redis.status === 'ready';
  }

  /** The semaphore key of a subject (and lane): hashed, no subject id in clear. */
  keyOf(...parts: string[]): string {
    return `${redisKeys[this.kind]}:${cacheKey([this.kind, ...parts])}`;
  }

  /**
   * Takes the lease (waiting as its options say, until `stop` aborts). On a Redis failure it undoes
   * what Redis may have done anyway and rethrows.
   */
  async take(lease: SemaphoreLease, stop?: AbortSignal): Promise<boolean> {
    try {
      const taken = await lease.tryAcquire(stop);
      if (taken && this.#failing) {
        this.#failing = false;
        this.logger?.info({}, this.messages.recovered);
      }
      return taken;
    } catch (error) {
      lease.stopRefresh();
      // A command that timed out here may still have run in Redis: give back the slot it took. (An
      // abort ends a wait between attempts, with no command pending.)
      if (!stop?.aborted) this.redis.zrem(lease.key, lease.identifier).catch(nothingToRelease);
      throw error;
    }
  }

  /** Redis answered but could not give a slot (a timeout, a permission, a script error): said once. */
  fellBack(error: unknown): void {
    if (this.#failing) return;
    this.#failing = true;
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    this.logger?.warn({ err: { name, message } }, this.messages.failing);
  }
}

/** Waits for the give-backs to settle, at most `closeWaitMs`: a replica that stops frees its callers' slots. */
export async function settleReleases(releases: Iterable<Promise<unknown>>): Promise<void> {
  await Promise.race([
    Promise.allSettled(releases),
    new Promise((resolve) => setTimeout(resolve, closeWaitMs).unref()),
  ]);
}
