import { BentoCache, bentostore, errors } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisDriver } from 'bentocache/drivers/redis';
import type { Redis } from 'ioredis';
import { recordCacheLookup, recordReplicaWait } from '../observability';
import { cacheKey } from './cache-key';
import { LOAD_TURN_WAIT_MS, takeLoadTurn, type LoadTurn } from './load-turn';
import { redisKeys } from './redis-keys';

/** The two kinds of shared Looker answers, each with its own TTL. */
export type CacheKind = 'metadata' | 'result';

/** Options of the shared cache. */
export interface SharedCacheOptions {
  /** Seconds metadata (content, models, explores) is kept; 0 turns it off. */
  readonly metadataTtlSeconds: number;
  /** Seconds query results are kept; 0 turns it off. */
  readonly resultTtlSeconds: number;
  /** Second level shared by replicas (see `createRedisLink`); without it, everything stays in this process. */
  readonly redis?: Redis;
  /** Most bytes the first (in-process) level keeps. */
  readonly memoryBytes?: number;
  /**
   * Most milliseconds a replica waits for another's load of the same key (default
   * `LOAD_TURN_WAIT_MS`; see `loadTurnWaitMs`); 0: replicas do not wait for one another.
   */
  readonly loadWaitMs?: number;
}

/** An answer and whether it came from the cache (or another request's run) rather than this request's own Looker call. */
export interface CacheOutcome<T> {
  readonly value: T;
  readonly hit: boolean;
}

const flushChannel = redisKeys.flushChannel;

/**
 * The shared cache of Looker answers: an in-process first level and, with `REDIS_URL`, a Redis
 * second level shared by every replica (bentocache over lru-cache and ioredis). Concurrent misses
 * for one key in this process share one load (single flight), and with Redis so do the replicas':
 * the first takes a short lock on the key and loads, the others wait a bounded time for its answer
 * in Redis (then load for themselves). Keys are hashes of everything that
 * decided the answer; values are Looker's answers, never a token. Redis failing never fails a
 * load: bentocache suppresses second-level errors and stops asking for a while, and the answer
 * comes from the first level or Looker.
 */
export class SharedCache {
  readonly #bento: BentoCache<{ shared: ReturnType<typeof bentostore> }>;
  readonly #redis: Redis | undefined;
  readonly #subscriber: Redis | undefined;
  readonly #ttl: Record<CacheKind, number>;
  readonly #loadWaitMs: number;
  /** Refreshes running in this process, by key: a refresh of the same key joins the one running. */
  readonly #refreshing = new Map<string, Promise<unknown>>();

  constructor(options: SharedCacheOptions) {
    this.#ttl = { metadata: options.metadataTtlSeconds * 1000, result: options.resultTtlSeconds * 1000 };
    this.#redis = options.redis;
    this.#loadWaitMs = options.loadWaitMs ?? LOAD_TURN_WAIT_MS;
    let store = bentostore().useL1Layer(
      memoryDriver({ maxSize: options.memoryBytes ?? 256 * 1024 * 1024, maxEntrySize: 32 * 1024 * 1024 }),
    );
    if (this.#redis) store = store.useL2Layer(redisDriver({ connection: this.#redis }));
    this.#bento = new BentoCache({
      default: 'shared',
      // Its own part of the namespace: the flush empties it, never the callers' shares.
      prefix: redisKeys.cache,
      stores: { shared: store },
      grace: false,
      suppressL2Errors: true,
      l2CircuitBreakerDuration: '2s',
    });
    if (this.#redis) {
      // An operator's flush on any replica empties every replica's first level too.
      // No automatic resubscription: ioredis's own runs on reconnect without handling its failure,
      // and with no offline queue a link that drops again at once rejects it unhandled (a crash
      // under Node's default). The 'ready' handler below resubscribes instead, failures caught.
      const subscriber = this.#redis.duplicate({ autoResubscribe: false });
      this.#subscriber = subscriber;
      subscriber.on('error', () => undefined);
      // Commands fail while disconnected (no offline queue): subscribe whenever the link is ready,
      // at start and after Redis comes back.
      subscriber.on('ready', () => {
        subscriber.subscribe(flushChannel).catch(() => undefined);
      });
      subscriber.on('message', () => {
        void this.#bento.clear({ suppressL2Errors: true }).catch(() => undefined);
      });
    }
  }

  /** Whether a kind is cached at all (its TTL is not 0). */
  enabled(kind: CacheKind): boolean {
    return this.#ttl[kind] > 0;
  }

  /**
   * The answer for `parts` (identity, request kind, canonical request): from the cache, or from
   * `load` — one load for all concurrent callers of this process. `refresh` loads anew and stores
   * the fresh answer; concurrent refreshes of one key in this process share one load.
   */
  async getOrLoad<T>(
    kind: CacheKind,
    parts: readonly unknown[],
    load: () => Promise<T>,
    options: { refresh?: boolean } = {},
  ): Promise<CacheOutcome<T>> {
    const ttl = this.#ttl[kind];
    if (ttl <= 0) return { value: await load(), hit: false };
    const key = `${kind}:${cacheKey(parts)}`;
    if (options.refresh === true) return this.#refresh(kind, key, ttl, load);
    let loaded = false;
    let turn: LoadTurn | undefined;
    try {
      const boxed = await this.#bento.getOrSet<{ v: T }>({
        key,
        ttl,
        // Runs once per process, when both levels missed.
        factory: async (ctx) => {
          turn = await this.#loadTurn(key);
          if (turn?.waited || turn?.held) {
            // Another replica's answer, stored while this one waited (or just before it asked).
            const stored = await this.#bento.get<{ v: T } | undefined>({ key });
            if (turn.waited) recordReplicaWait(kind, stored !== undefined && stored !== null);
            if (stored !== undefined && stored !== null) {
              ctx.setOptions({ skipL2Write: true });
              return stored;
            }
          }
          loaded = true;
          // Boxed, so that null (not found) is kept like any other answer.
          return { v: await load() };
        },
      });
      recordCacheLookup(kind, !loaded);
      return { value: boxed.v, hit: !loaded };
    } catch (error) {
      // The load's own error, not bentocache's wrapper around it.
      if (error instanceof errors.E_FACTORY_ERROR && error.cause !== undefined) throw error.cause;
      throw error;
    } finally {
      // After bentocache stored the answer in Redis (or the load failed): the waiters read it now.
      turn?.release();
    }
  }

  /**
   * This replica's turn at loading `key` from Looker, when replicas share Redis: undefined without
   * Redis (or while it is unreachable), so the load goes ahead at once as it would in one process.
   */
  async #loadTurn(key: string): Promise<LoadTurn | undefined> {
    const redis = this.#redis;
    if (!redis || redis.status !== 'ready' || this.#loadWaitMs <= 0) return undefined;
    return takeLoadTurn(redis, `${redisKeys.loads}:${key}`, this.#loadWaitMs);
  }

  /**
   * A refresh: joins the refresh of `key` already running in this process (a run that started
   * moments ago, every cache bypassed as asked), else loads anew and stores the answer.
   * (bentocache's `forceFresh` runs each concurrent refresh in turn, one Looker run apiece.) A
   * joiner whose shared load failed takes its own turn, as bentocache's waiters do: the failure may
   * be the other request's alone (its caller's share, its budget).
   */
  async #refresh<T>(kind: CacheKind, key: string, ttl: number, load: () => Promise<T>): Promise<CacheOutcome<T>> {
    for (let running = this.#refreshing.get(key); running; running = this.#refreshing.get(key)) {
      try {
        const value = (await running) as T;
        recordCacheLookup(kind, true);
        return { value, hit: true };
      } catch {
        // The next turn: the first joiner to wake leads it, the others join it.
      }
    }
    const run = (async () => {
      const value = await load();
      await this.#bento.set({ key, value: { v: value }, ttl });
      return value;
    })().finally(() => this.#refreshing.delete(key));
    this.#refreshing.set(key, run);
    const value = await run;
    recordCacheLookup(kind, false);
    return { value, hit: false };
  }

  /** The cached answer for `parts`, if any (no load); for batched lookups that fetch the misses together. */
  async peek<T>(kind: CacheKind, parts: readonly unknown[]): Promise<T | undefined> {
    if (this.#ttl[kind] <= 0) return undefined;
    const boxed = await this.#bento.get<{ v: T } | undefined>({ key: `${kind}:${cacheKey(parts)}` });
    recordCacheLookup(kind, boxed !== undefined && boxed !== null);
    return boxed?.v;
  }

  /** Keeps an answer fetched outside `getOrLoad` (a batch of misses). */
  async store<T>(kind: CacheKind, parts: readonly unknown[], value: T): Promise<void> {
    const ttl = this.#ttl[kind];
    if (ttl <= 0) return;
    await this.#bento.set({ key: `${kind}:${cacheKey(parts)}`, value: { v: value }, ttl });
  }

  /** Empties both levels here, and tells every other replica to empty its first level. */
  async flush(): Promise<void> {
    await this.#bento.clear({ suppressL2Errors: true });
    await this.#redis?.publish(flushChannel, String(Date.now())).catch(() => undefined);
  }

  /** Closes the flush subscription (the Redis link itself belongs to whoever created it). */
  async close(): Promise<void> {
    this.#subscriber?.disconnect();
  }
}
