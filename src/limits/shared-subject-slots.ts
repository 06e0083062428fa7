import type { Redis } from 'ioredis';
import pLimit, { type LimitFunction } from 'p-limit';
import type { RedisLinkLogger } from '../cache';
import type { LookerLane } from './looker-lanes';
import { nothingToRelease, RedisLeases, settleReleases } from './redis-leases';
import { SemaphoreLease as Lease } from './semaphore-lease';

/** How leases are timed. */
export interface LeaseTimings {
  /** How long a lease lives without renewal: a replica that dies, or a release lost, frees its slot within it. */
  readonly leaseMs: number;
  /** Held leases are renewed this often (calls that outlast the lease: query runs of minutes). */
  readonly renewMs: number;
  /** How often the call first in line on a replica asks again for a slot held on other replicas. */
  readonly retryMs: number;
}

/** A third of the default call deadline: a slot left behind never outlives the calls it holds back. */
const defaultTimings: LeaseTimings = { leaseMs: 10_000, renewMs: 3_000, retryMs: 50 };
/** The longest a call waits for a slot, whatever its own deadline (which normally ends the wait first). */
const maxWaitMs = 15 * 60_000;
/** Releases that failed while Redis was unreachable, kept to replay when it is back; past this many, leases just expire. */
const maxLostReleases = 1_000;

/** A caller's waiting calls on this replica for one key, one at a time. */
interface Line {
  readonly limit: LimitFunction;
  users: number;
}

/**
 * A subject's Looker call slots across replicas: with Redis, each call holds a lease in a
 * per-subject, per-lane semaphore (see `RedisLeases`), so a caller has at most `perSubject` calls
 * in flight per lane across every replica, as it has on one. Redis failing never fails a call: it
 * goes on with its replica's own bound only.
 */
export class SharedSubjectSlots {
  private readonly lines = new Map<string, Line>();
  private readonly held = new Set<Lease>();
  private readonly lostReleases = new Map<string, { readonly key: string; readonly identifier: string }>();
  private readonly closing = new AbortController();
  private readonly leases: RedisLeases;
  /** Calls waiting in line now (their slots all held), per lane. */
  private readonly waitingIn: Record<LookerLane, number> = { query: 0, metadata: 0 };

  /** `onWaiting` is told whenever a lane's count of waiting calls changes (for the metrics). */
  constructor(
    private readonly redis: Redis,
    private readonly perSubject: number,
    private readonly logger?: RedisLinkLogger,
    private readonly onWaiting?: (lane: LookerLane) => void,
    private readonly timings: LeaseTimings = defaultTimings,
  ) {
    this.leases = new RedisLeases(
      redis,
      'slots',
      {
        recovered: 'caller slots in Redis work again: callers are bounded across replicas',
        failing: 'caller slots could not be taken in Redis: each replica bounds its callers on its own until they can',
      },
      logger,
    );
    redis.on('ready', () => this.replayLostReleases());
  }

  /**
   * One of the subject's slots in the lane: resolves with its release. A call whose slots are all
   * held waits (behind the caller's other waiting calls on this replica) until one frees or
   * `signal` aborts — the call's deadline: the wait then rejects with the signal's reason. A call
   * still behind others in line notices its deadline when its turn comes; those ahead of it in the
   * same lane started earlier with the same timeout, so their deadlines come first.
   */
  async acquire(subject: string, lane: LookerLane, signal: AbortSignal | undefined): Promise<() => void> {
    if (this.closing.signal.aborted || !this.leases.ready) return nothingToRelease;
    const key = this.leases.keyOf(subject, lane);
    try {
      // Most calls find a slot free: one round trip, alongside the caller's other calls.
      const first = this.lease(key, 1);
      if (await this.leases.take(first)) return this.hold(first);
      // All held, some on other replicas: wait in line here, so that only one of the caller's
      // waiting calls per replica and lane polls Redis, however many are waiting.
      return await this.inLine(key, lane, async () => {
        signal?.throwIfAborted();
        const lease = this.lease(key, Number.POSITIVE_INFINITY);
        // Combined only here, for the rare call that waits. Combining every call's signal with the
        // long-lived `closing` would be hot-path work (and registrations) for nothing.
        const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
        return (await this.leases.take(lease, stop)) ? this.hold(lease) : nothingToRelease;
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      if (!this.closing.signal.aborted) this.leases.fellBack(error);
      return nothingToRelease;
    }
  }

  /** Stops waiting calls (they go on with the replica's own bound) and gives back the held leases. */
  async close(): Promise<void> {
    this.closing.abort();
    const releases = [...this.held].map((lease) => lease.release());
    this.held.clear();
    await settleReleases(releases);
  }

  private lease(key: string, attempts: number): Lease {
    return new Lease(this.redis, key, this.perSubject, {
      lockTimeout: this.timings.leaseMs,
      refreshInterval: this.timings.renewMs,
      acquireTimeout: maxWaitMs,
      acquireAttemptsLimit: attempts,
      // A single attempt need not pause after failing (the library pauses after every attempt).
      retryInterval: attempts === 1 ? 0 : this.timings.retryMs,
      // A lease that expired while Redis was away: the call goes on (and its release finds nothing).
      onLockLost: nothingToRelease,
    });
  }

  private hold(lease: Lease): () => void {
    this.held.add(lease);
    return () => {
      if (!this.held.delete(lease)) return;
      lease.release().catch(() => this.keepLostRelease(lease));
    };
  }

  /** Calls waiting in line now in a lane: their caller's slots are all held. */
  waiting(lane: LookerLane): number {
    return this.waitingIn[lane];
  }

  private async inLine<T>(key: string, lane: LookerLane, work: () => Promise<T>): Promise<T> {
    let line = this.lines.get(key);
    if (!line) {
      line = { limit: pLimit(1), users: 0 };
      this.lines.set(key, line);
    }
    line.users += 1;
    this.waitingIn[lane] += 1;
    this.onWaiting?.(lane);
    try {
      return await line.limit(work);
    } finally {
      line.users -= 1;
      // The map stays as small as the callers waiting now.
      if (line.users === 0) this.lines.delete(key);
      this.waitingIn[lane] -= 1;
      this.onWaiting?.(lane);
    }
  }

  private keepLostRelease(lease: Lease): void {
    if (this.lostReleases.size >= maxLostReleases) return;
    this.lostReleases.set(`${lease.key} ${lease.identifier}`, { key: lease.key, identifier: lease.identifier });
  }

  private replayLostReleases(): void {
    for (const [id, { key, identifier }] of this.lostReleases) {
      this.lostReleases.delete(id);
      this.redis.zrem(key, identifier).catch(nothingToRelease);
    }
  }
}
