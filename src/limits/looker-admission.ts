import CircuitBreaker from 'opossum';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Redis } from 'ioredis';
import type { RedisLinkLogger } from '../cache';
import { LookerError } from '../errors';
import { CallerRates, type Caller } from './caller-rates';
import type { LookerLane } from './looker-lanes';
import { SharedSubjectSlots } from './shared-subject-slots';

/** The configured fair shares (docs/performance.md, "Cost, budgets and fairness"). */
export interface FairnessSettings {
  /** Metadata calls in flight at once, across all callers (a pool of their own). */
  readonly metadataConcurrency: number;
  /** Looker calls one subject may have in flight at once, per lane. */
  readonly perSubjectConcurrency: number;
  /** Looker calls one subject may have waiting for a slot; beyond it, new calls are refused at once. */
  readonly perSubjectQueue: number;
  /** Looker calls one subject may start per minute; 0 turns the rate limit off. */
  readonly perSubjectPerMinute: number;
  /** Runs with Looker's cache off (`refresh: true`) one subject may start per minute, besides; 0 turns it off. */
  readonly perSubjectRefreshesPerMinute: number;
  /** Looker calls all the subjects of one OAuth client (`client_id`, else `azp`) may start per minute together; 0 turns it off. */
  readonly perClientPerMinute: number;
  /** Circuit breaker: failing share of calls (percent) over the last 10 s that opens it. */
  readonly breakerErrorPercent: number;
  /** Circuit breaker: how long it stays open before one call probes Looker again, ms. */
  readonly breakerResetMs: number;
}

/** How Looker's capacity is shared between callers. */
export interface AdmissionOptions extends FairnessSettings {
  /** Query runs in flight at once, across all callers. */
  readonly maxConcurrency: number;
  /**
   * With Redis, the per-minute rates are counted there and the per-subject concurrency is leased
   * there, so a caller's share holds across replicas. While Redis is unreachable, each replica
   * counts and bounds on its own.
   */
  readonly redis?: Redis;
  /** Says when the callers' slots cannot be taken in Redis (and when they can again). */
  readonly logger?: RedisLinkLogger;
  /** Called whenever a lane's slots change, for the metrics. */
  readonly onSlots?: (lane: LookerLane, inUse: number, queued: number) => void;
}

/** What a caller's Looker attempt tells the admission about itself. */
export interface AttemptHooks<T> {
  /** Aborts the attempt's HTTP request (the breaker opened: its slot is freed at once). */
  readonly abort: () => void;
  /** True when the answer shows Looker itself failing (no answer, 5xx), which the breaker counts. */
  readonly isOutage: (result: T) => boolean;
  /** The call's deadline: waiting for a slot held on other replicas ends when it aborts. */
  readonly signal?: AbortSignal;
}

/** One subject's access to Looker's capacity. */
export interface CallerAdmission {
  /** Charges one call to the subject's rate (and its client's); LOOKER_RATE_LIMITED when either is used up. */
  charge(operation: string): Promise<void>;
  /** Charges one run with Looker's cache off to the subject's refresh rate; LOOKER_RATE_LIMITED when it is used up. */
  chargeRefresh(operation: string): Promise<void>;
  /** Runs one attempt inside the subject's and the lane's concurrency and through the lane's breaker. */
  run<T>(lane: LookerLane, operation: string, attempt: () => Promise<T>, hooks: AttemptHooks<T>): Promise<T>;
}

/** Marks an answer that counts as a Looker outage, so the breaker sees it as a failure. */
class Outage<T> extends Error {
  constructor(readonly result: T) {
    super('Looker outage');
  }
}

const lanes: readonly LookerLane[] = ['query', 'metadata'];

/**
 * Shares Looker's capacity fairly between callers: each lane (query runs, metadata) has its own
 * pool in this process; within it no subject holds more than `perSubjectConcurrency` slots (across
 * replicas with Redis) or queues more than `perSubjectQueue` calls (per replica); each subject has
 * per-minute rates of calls and of refreshes, and each OAuth client may have one of calls (across
 * replicas with Redis, see `CallerRates`); and a circuit breaker per lane fails calls fast
 * while Looker is failing, aborting the calls stuck in it so their slots free at once. A greedy
 * caller is refused with LOOKER_RATE_LIMITED; others are not.
 */
export class LookerAdmission {
  private readonly pools: Record<LookerLane, LimitFunction>;
  private readonly subjects = new Map<string, Record<LookerLane, LimitFunction>>();
  private readonly rates: CallerRates;
  private readonly breakers: Record<LookerLane, CircuitBreaker<[() => Promise<unknown>], unknown>>;
  private readonly inFlight: Record<LookerLane, Set<() => void>> = { query: new Set(), metadata: new Set() };
  private readonly shared: SharedSubjectSlots | undefined;

  constructor(private readonly options: AdmissionOptions) {
    this.pools = { query: pLimit(options.maxConcurrency), metadata: pLimit(options.metadataConcurrency) };
    this.shared = options.redis
      ? new SharedSubjectSlots(options.redis, options.perSubjectConcurrency, options.logger, (lane) =>
          this.report(lane),
        )
      : undefined;
    this.rates = new CallerRates(options, options.redis);
    const breaker = (lane: LookerLane) => {
      const b = new CircuitBreaker(async (attempt: () => Promise<unknown>) => attempt(), {
        timeout: false,
        errorThresholdPercentage: options.breakerErrorPercent,
        resetTimeout: options.breakerResetMs,
        rollingCountTimeout: 10_000,
        rollingCountBuckets: 10,
        volumeThreshold: 10,
        // Only outages count: a 404 or our own refusals say nothing about Looker's health.
        errorFilter: (error: unknown) => !(error instanceof Outage),
      });
      // Calls stuck in a failing Looker hold slots until their deadline: free them now.
      b.on('open', () => {
        for (const abort of [...this.inFlight[lane]]) abort();
      });
      return b;
    };
    this.breakers = { query: breaker('query'), metadata: breaker('metadata') };
  }

  /**
   * The admission of one subject (the token's `sub`; one shared admission for calls made for nobody), and of
   * its OAuth client when the token names one.
   */
  forCaller(subject: string, clientId?: string): CallerAdmission {
    const caller: Caller = { subject, clientId };
    return {
      charge: (operation) => this.rates.charge(caller, operation),
      chargeRefresh: (operation) => this.rates.chargeRefresh(caller, operation),
      run: (lane, operation, attempt, hooks) => this.run(subject, lane, operation, attempt, hooks),
    };
  }

  /** Slots in use and calls waiting, per lane. */
  slots(): Record<LookerLane, { inUse: number; queued: number }> {
    const of = (lane: LookerLane) => ({
      inUse: this.pools[lane].activeCount,
      queued: this.pools[lane].pendingCount + this.subjectsPending(lane) + (this.shared?.waiting(lane) ?? 0),
    });
    return { query: of('query'), metadata: of('metadata') };
  }

  /** Whether a lane's breaker is open (calls fail fast). */
  isOpen(lane: LookerLane): boolean {
    return this.breakers[lane].opened;
  }

  /** Stops the breakers' timers, and gives back the slots held in Redis. */
  async close(): Promise<void> {
    for (const lane of lanes) this.breakers[lane].shutdown();
    await this.shared?.close();
  }

  private subjectsPending(lane: LookerLane): number {
    let pending = 0;
    for (const limits of this.subjects.values()) pending += limits[lane].pendingCount;
    return pending;
  }

  private report(lane: LookerLane): void {
    if (!this.options.onSlots) return;
    const { inUse, queued } = this.slots()[lane];
    this.options.onSlots(lane, inUse, queued);
  }

  /**
   * Runs `work` holding one of the subject's slots across replicas (with Redis). The slot is taken
   * after the replica's own slot and before the lane's pool, so a call waiting for its caller's
   * other replicas holds nothing another caller needs.
   */
  private async withSharedSlot<T>(
    subject: string,
    lane: LookerLane,
    operation: string,
    signal: AbortSignal | undefined,
    work: () => Promise<T>,
  ): Promise<T> {
    if (!this.shared) return work();
    let release: () => void;
    try {
      release = await this.shared.acquire(subject, lane, signal);
    } catch (error) {
      // The deadline passed while the caller's own calls held every slot: its share, not Looker, is the cause.
      if (signal?.aborted) {
        throw new LookerError(
          'LOOKER_RATE_LIMITED',
          `This caller's Looker calls in flight (${this.options.perSubjectConcurrency}, on all replicas) held every slot until this call's deadline; retry when some have finished`,
          operation,
        );
      }
      throw error;
    }
    try {
      return await work();
    } finally {
      release();
    }
  }

  private async run<T>(
    subject: string,
    lane: LookerLane,
    operation: string,
    attempt: () => Promise<T>,
    hooks: AttemptHooks<T>,
  ): Promise<T> {
    let limits = this.subjects.get(subject);
    if (!limits) {
      limits = {
        query: pLimit(this.options.perSubjectConcurrency),
        metadata: pLimit(this.options.perSubjectConcurrency),
      };
      this.subjects.set(subject, limits);
    }
    const own = limits[lane];
    if (own.pendingCount >= this.options.perSubjectQueue) {
      throw new LookerError(
        'LOOKER_RATE_LIMITED',
        `This caller has too many Looker calls waiting (${this.options.perSubjectQueue}); retry when some have finished`,
        operation,
      );
    }
    const breaker = this.breakers[lane];
    const inLane = () =>
      this.pools[lane](async () => {
        this.report(lane);
        this.inFlight[lane].add(hooks.abort);
        try {
          return (await breaker.fire(async () => {
            const result = await attempt();
            if (hooks.isOutage(result)) throw new Outage(result);
            return result;
          })) as T;
        } catch (error) {
          if (error instanceof Outage) return error.result as T;
          if (breaker.opened || (error as { code?: unknown }).code === 'EOPENBREAKER') {
            throw new LookerError(
              'LOOKER_UNAVAILABLE',
              `Looker is failing; calls are paused for a few seconds (${operation})`,
              operation,
            );
          }
          throw error;
        } finally {
          this.inFlight[lane].delete(hooks.abort);
        }
      });
    try {
      return await own(() => this.withSharedSlot(subject, lane, operation, hooks.signal, inLane));
    } finally {
      // A subject with nothing in flight or waiting needs no limiter: the map stays as small as the active callers.
      if (
        own.activeCount === 0 &&
        own.pendingCount === 0 &&
        limits.query.activeCount +
          limits.query.pendingCount +
          limits.metadata.activeCount +
          limits.metadata.pendingCount ===
          0
      ) {
        this.subjects.delete(subject);
      }
      this.report(lane);
    }
  }
}
