import type { Redis } from 'ioredis';
import { Mutex, type LockOptions } from 'redis-semaphore';

/**
 * The longest a replica waits for another replica's load of the same key before it loads for
 * itself (and the lifetime of the lock, so a replica that dies holding it blocks no one longer).
 * A few seconds: a cold result runs in a second or two, while a run stuck at Looker costs the
 * others this much at most. The wait never exceeds Looker's deadline (see `loadTurnWaitMs`).
 */
export const LOAD_TURN_WAIT_MS = 3_000;

/** How often a waiting replica asks again whether the holder is done. */
const retryIntervalMs = 25;

/** The wait for one deployment: {@link LOAD_TURN_WAIT_MS}, or Looker's deadline when that is shorter. */
export function loadTurnWaitMs(lookerTimeoutMs: number): number {
  return Math.min(LOAD_TURN_WAIT_MS, lookerTimeoutMs);
}

/** A Redis mutex under the key given (the library would put it under `mutex:`, outside this service's namespace). */
class KeyedMutex extends Mutex {
  constructor(redis: Redis, key: string, options: LockOptions) {
    super(redis, key, options);
    this._key = key;
  }
}

/** One replica's turn at loading a key that missed both cache levels. */
export interface LoadTurn {
  /** Whether this replica holds the key's lock: it loads, and others wait for its answer in Redis. */
  readonly held: boolean;
  /** Whether another replica held the lock when this one asked (its answer may be in Redis now). */
  readonly waited: boolean;
  /** Frees the lock (without waiting for Redis; never rejects). */
  release(): void;
}

/**
 * Waits for this replica's turn to load `lockKey`: at once when no other replica is loading it,
 * else until the replica that is releases the lock (its answer is then in Redis) or `waitMs` has
 * passed. Never rejects and never waits longer than `waitMs` (plus one Redis command): when Redis
 * fails, the turn is simply not held, and the caller loads as it would without Redis.
 */
export async function takeLoadTurn(redis: Redis, lockKey: string, waitMs: number): Promise<LoadTurn> {
  // No refresh: a holder that outlives the lock only lets a waiter load too, as the wait's end would.
  const options: LockOptions = { lockTimeout: waitMs, retryInterval: retryIntervalMs, refreshInterval: 0 };
  const turn = (mutex: KeyedMutex, waited: boolean): LoadTurn => ({
    held: true,
    waited,
    release: () => void mutex.release().catch(() => undefined),
  });
  const notHeld = (waited: boolean): LoadTurn => ({ held: false, waited, release: () => undefined });
  try {
    const now = new KeyedMutex(redis, lockKey, { ...options, acquireAttemptsLimit: 1, retryInterval: 0 });
    if (await now.tryAcquire()) return turn(now, false);
  } catch {
    return notHeld(false);
  }
  try {
    const later = new KeyedMutex(redis, lockKey, { ...options, acquireTimeout: waitMs });
    return (await later.tryAcquire()) ? turn(later, true) : notHeld(true);
  } catch {
    return notHeld(true);
  }
}
