import type { Redis } from 'ioredis';
import type { RedisLinkLogger } from '../cache';
import { nothingToRelease, RedisLeases, settleReleases } from './redis-leases';
import { SemaphoreLease } from './semaphore-lease';

/** What the task slots need. */
export interface SubjectTaskSlotsOptions {
  /** Query tasks one subject may have running (`LOOKER_SUBJECT_MAX_TASKS`). */
  readonly perSubject: number;
  /**
   * How long a lease stands in Redis unless given back. It outlasts a task (killed at its
   * deadline), so a replica that dies frees its callers' slots once their tasks would have ended.
   */
  readonly leaseMs: number;
  /** Counts across replicas when given; else (or while it fails) each replica counts on its own. */
  readonly redis?: Redis;
  readonly logger?: RedisLinkLogger;
}

/** Gives back one slot; a second call does nothing. */
export type ReleaseTaskSlot = () => void;

/**
 * Each subject's running query tasks, at most `perSubject` at once. Counted in this replica always,
 * and with Redis also across replicas: each task holds a lease in a per-subject semaphore (see
 * `RedisLeases`). Redis failing never refuses a start by itself: the replica's own count applies.
 */
export class SubjectTaskSlots {
  private readonly counts = new Map<string, number>();
  private readonly held = new Set<SemaphoreLease>();
  private readonly releasing = new Set<Promise<void>>();
  private readonly leases: RedisLeases | undefined;

  constructor(private readonly options: SubjectTaskSlotsOptions) {
    this.leases =
      options.redis &&
      new RedisLeases(
        options.redis,
        'tasks',
        {
          recovered: 'query task slots in Redis work again: callers are bounded across replicas',
          failing:
            "query task slots could not be taken in Redis: each replica bounds its callers' tasks on its own until they can",
        },
        options.logger,
      );
  }

  /** Query tasks one subject may have running. */
  get perSubject(): number {
    return this.options.perSubject;
  }

  /** One of the subject's slots: its release, or undefined when the subject's slots are all held. */
  async take(subject: string): Promise<ReleaseTaskSlot | undefined> {
    const held = this.counts.get(subject) ?? 0;
    if (held >= this.options.perSubject) return undefined;
    // Counted before Redis answers, so the subject's concurrent starts on this replica see each other.
    this.counts.set(subject, held + 1);
    const lease = await this.lease(subject);
    if (lease === null) {
      this.uncount(subject);
      return undefined;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.uncount(subject);
      if (lease) this.giveBack(lease);
    };
  }

  /** Gives back the leases still held (bounded in time): a replica that stops frees its callers' slots. */
  async close(): Promise<void> {
    for (const lease of this.held) this.giveBack(lease);
    await settleReleases(this.releasing);
  }

  private uncount(subject: string): void {
    const held = (this.counts.get(subject) ?? 1) - 1;
    // The map stays as small as the subjects with tasks running.
    if (held <= 0) this.counts.delete(subject);
    else this.counts.set(subject, held);
  }

  /** A lease taken in Redis; null when Redis says the subject's slots are all held; undefined without Redis. */
  private async lease(subject: string): Promise<SemaphoreLease | null | undefined> {
    const leases = this.leases;
    if (!leases?.ready) return undefined;
    const lease = new SemaphoreLease(leases.redis, leases.keyOf(subject), this.options.perSubject, {
      lockTimeout: this.options.leaseMs,
      refreshInterval: 0,
      acquireAttemptsLimit: 1,
      retryInterval: 0,
    });
    try {
      if (!(await leases.take(lease))) return null;
      this.held.add(lease);
      return lease;
    } catch (error) {
      leases.fellBack(error);
      return undefined;
    }
  }

  /** A release lost while Redis is unreachable frees the slot when its lease expires. */
  private giveBack(lease: SemaphoreLease): void {
    if (!this.held.delete(lease)) return;
    const releasing = lease.release().catch(nothingToRelease);
    this.releasing.add(releasing);
    void releasing.finally(() => this.releasing.delete(releasing));
  }
}
