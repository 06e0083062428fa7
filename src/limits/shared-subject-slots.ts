import type { Redis } from 'ioredis';
import { Semaphore } from 'redis-semaphore';
import { cacheKey, redisKeys } from '../cache';
import type { LookerLane } from './looker-lanes';

/** How leases are timed. */
export interface LeaseTimings {
  /** How long a lease lives without renewal: a replica that dies frees its callers' slots within it. */
  readonly leaseMs: number;
  /** Held leases are renewed this often (calls that outlast it: query runs of minutes). */
  readonly renewMs: number;
  /** How often a call waiting for a slot held on other replicas asks again. */
  readonly retryMs: number;
}

const defaultTimings: LeaseTimings = { leaseMs: 30_000, renewMs: 10_000, retryMs: 50 };
/** The longest a call waits for a slot, whatever its own deadline (which normally ends the wait first). */
const maxWaitMs = 15 * 60_000;

const nothingToRelease = (): void => undefined;

/**
 * A lease on one of a subject's slots, under the key given (the library would put it under
 * `semaphore:`, outside this service's namespace). Renewal that fails because Redis is unreachable
 * keeps the lease (it still stands in Redis until it expires, and nothing here can say otherwise):
 * the library's own renewal lets that error escape its timer, which would end the process.
 */
class Lease extends Semaphore {
  constructor(...args: ConstructorParameters<typeof Semaphore>) {
    super(...args);
    this._key = args[1];
  }

  protected override async _refresh(): Promise<boolean> {
    try {
      return await super._refresh();
    } catch {
      return true;
    }
  }
}

/**
 * A subject's Looker call slots across replicas: with Redis, each call holds a lease in a
 * per-subject, per-lane semaphore (`redis-semaphore`: a sorted set of leases with expiry, taken
 * and released by Lua scripts), so a caller has at most `perSubject` calls in flight per lane
 * across every replica, as it has on one. Keys are hashed (Redis learns no subject ids). Redis
 * unreachable never fails a call: it goes on with its replica's own bound only.
 */
export class SharedSubjectSlots {
  constructor(
    private readonly redis: Redis,
    private readonly perSubject: number,
    private readonly timings: LeaseTimings = defaultTimings,
  ) {}

  /**
   * Waits for one of the subject's slots in the lane, until `signal` aborts (the call's deadline:
   * the wait then rejects with its reason); resolves with the slot's release.
   */
  async acquire(subject: string, lane: LookerLane, signal: AbortSignal | undefined): Promise<() => void> {
    if (this.redis.status !== 'ready') return nothingToRelease;
    const lease = new Lease(this.redis, `${redisKeys.slots}:${cacheKey(['slots', subject, lane])}`, this.perSubject, {
      lockTimeout: this.timings.leaseMs,
      refreshInterval: this.timings.renewMs,
      acquireTimeout: maxWaitMs,
      retryInterval: this.timings.retryMs,
      // A lease that expired while Redis was away: the call goes on (and its release finds nothing).
      onLockLost: nothingToRelease,
    });
    try {
      await lease.acquire(signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      // Redis failed or the wait outlasted its bound: the replica's own bound still holds.
      lease.stopRefresh();
      return nothingToRelease;
    }
    return () => {
      lease.release().catch(nothingToRelease);
    };
  }
}
