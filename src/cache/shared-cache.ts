import { randomUUID } from 'node:crypto';
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

/** How an answer is kept. */
export interface CacheWriteOptions {
  /**
   * The tags it is filed under (see `contentTags`): `evict` of any of them makes it a miss
   * everywhere, whoever fetched it.
   */
  readonly tags?: readonly string[];
}

const flushChannel = redisKeys.flushChannel;
const evictChannel = redisKeys.evictChannel;

/** The tags of an eviction message, or undefined when it is not one (from another version, or garbled). */
function evictedTags(message: string): { from: string; tags: string[] } | undefined {
  try {
    const parsed: unknown = JSON.parse(message);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { from, tags } = parsed as { from?: unknown; tags?: unknown };
    if (typeof from !== 'string' || !Array.isArray(tags)) return undefined;
    const strings = tags.filter((tag): tag is string => typeof tag === 'string');
    return strings.length > 0 ? { from, tags: strings } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The shared cache of Looker answers: an in-process first level and, with `REDIS_URL`, a Redis
 * second level shared by every replica (bentocache over lru-cache and ioredis). Concurrent misses
 * for one key in this process share one load (single flight), and with Redis so do the replicas':
 * the first takes a short lock on the key and loads, the others wait a bounded time for its answer
 * in Redis (then load for themselves). Keys are hashes of everything that
 * decided the answer; values are Looker's answers, never a token. Redis failing never fails a
 * load: bentocache suppresses second-level errors and stops asking for a while, and the answer
 * comes from the first level or Looker.
 *
 * Entries may carry tags (see `contentTags`); `evict` invalidates every entry of a tag on every
 * replica: bentocache records the tag's eviction time in both levels, and a message on
 * `redisKeys.evictChannel` makes the other replicas record it in their first level too (where
 * they would otherwise keep the tag's earlier state for days).
 */
export class SharedCache {
  readonly #bento: BentoCache<{ shared: ReturnType<typeof bentostore> }>;
  readonly #redis: Redis | undefined;
  readonly #subscriber: Redis | undefined;
  readonly #ttl: Record<CacheKind, number>;
  readonly #loadWaitMs: number;
  /** Refreshes running in this process, by key: a refresh of the same key joins the one running. */
  readonly #refreshing = new Map<string, Promise<unknown>>();
  /** This instance's name in eviction messages, so it does not evict a second time on its own. */
  readonly #instance = randomUUID();

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
        subscriber.subscribe(flushChannel, evictChannel).catch(() => undefined);
      });
      subscriber.on('message', (channel: string, message: string) => {
        if (channel === flushChannel) {
          void this.#bento.clear({ suppressL2Errors: true }).catch(() => undefined);
          return;
        }
        const evicted = channel === evictChannel ? evictedTags(message) : undefined;
        // Its own message: the eviction is done, and doing it again would evict what was read since.
        if (evicted && evicted.from !== this.#instance) void this.#evictHere(evicted.tags);
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
   * the fresh answer; concurrent refreshes of one key in this process share one load. `tags` file
   * the answer for `evict`.
   */
  async getOrLoad<T>(
    kind: CacheKind,
    parts: readonly unknown[],
    load: () => Promise<T>,
    options: CacheWriteOptions & {
      refresh?: boolean;
      /** Tags read off the answer (e.g. the looks a dashboard's tiles show), added to `tags`. */
      tagsOf?: (value: T) => Iterable<string>;
    } = {},
  ): Promise<CacheOutcome<T>> {
    const ttl = this.#ttl[kind];
    if (ttl <= 0) return { value: await load(), hit: false };
    const key = `${kind}:${cacheKey(parts)}`;
    const tags = [...(options.tags ?? [])];
    const tagsOf = (value: T): string[] => (options.tagsOf ? [...options.tagsOf(value)] : []);
    if (options.refresh === true)
      return this.#refresh(kind, key, ttl, async () => {
        const value = await load();
        return { value, tags: [...tags, ...tagsOf(value)] };
      });
    let loaded = false;
    let turn: LoadTurn | undefined;
    try {
      const boxed = await this.#bento.getOrSet<{ v: T }>({
        key,
        ttl,
        tags,
        // Runs once per process, when both levels missed.
        factory: async (ctx) => {
          turn = await this.#loadTurn(key);
          if (turn?.waited || turn?.held) {
            // Another replica's answer, stored while this one waited (or just before it asked).
            const stored = await this.#bento.get<{ v: T } | undefined>({ key });
            if (turn.waited) recordReplicaWait(kind, stored !== undefined && stored !== null);
            if (stored !== undefined && stored !== null) {
              ctx.setOptions({ skipL2Write: true });
              ctx.setTags(tagsOf(stored.v));
              return stored;
            }
          }
          loaded = true;
          // Boxed, so that null (not found) is kept like any other answer.
          const value = await load();
          ctx.setTags(tagsOf(value));
          return { v: value };
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
  async #refresh<T>(
    kind: CacheKind,
    key: string,
    ttl: number,
    load: () => Promise<{ value: T; tags: string[] }>,
  ): Promise<CacheOutcome<T>> {
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
      const { value, tags } = await load();
      await this.#bento.set({ key, value: { v: value }, ttl, tags });
      return value;
    })().finally(() => this.#refreshing.delete(key));
    this.#refreshing.set(key, run);
    const value = await run;
    recordCacheLookup(kind, false);
    return { value, hit: false };
  }

  /**
   * The cached answer for `parts`, if any (no load); for batched lookups that fetch the misses
   * together. An answer whose tags were evicted since it was stored is none.
   */
  async peek<T>(kind: CacheKind, parts: readonly unknown[]): Promise<T | undefined> {
    if (this.#ttl[kind] <= 0) return undefined;
    const boxed = await this.#bento.get<{ v: T } | undefined>({ key: `${kind}:${cacheKey(parts)}` });
    recordCacheLookup(kind, boxed !== undefined && boxed !== null);
    return boxed?.v;
  }

  /** Keeps an answer fetched outside `getOrLoad` (a batch of misses), filed under `tags`. */
  async store<T>(kind: CacheKind, parts: readonly unknown[], value: T, options: CacheWriteOptions = {}): Promise<void> {
    const ttl = this.#ttl[kind];
    if (ttl <= 0) return;
    const tags = [...(options.tags ?? [])];
    await this.#bento.set({ key: `${kind}:${cacheKey(parts)}`, value: { v: value }, ttl, tags });
  }

  /**
   * Makes every answer filed under any of `tags` a miss, here and on every replica, whoever fetched
   * it: what was cached before this call resolved is loaded anew on its next read. For writes to
   * Looker, after the write succeeded and before the written object is read back. Never rejects:
   * with Redis down, this replica's eviction holds, and the others keep their copies until their TTL.
   */
  async evict(tags: readonly string[]): Promise<void> {
    const unique = [...new Set(tags)];
    if (unique.length === 0) return;
    await this.#evictHere(unique);
    // An answer stored within the same millisecond as the eviction counts as evicted too (bentocache
    // compares creation and eviction times, equal included): let the clock move on before the caller
    // reads the written object back, or its fresh answer would be loaded anew on its next read.
    const evictedAt = Date.now();
    while (Date.now() <= evictedAt) await new Promise((resolve) => setTimeout(resolve, 1));
    const message = JSON.stringify({ from: this.#instance, tags: unique });
    await this.#redis?.publish(evictChannel, message).catch(() => undefined);
  }

  /** Records the tags' eviction in both levels (the second when reachable); never rejects. */
  async #evictHere(tags: readonly string[]): Promise<void> {
    await this.#bento.deleteByTag({ tags: [...tags], suppressL2Errors: true }).catch(() => undefined);
  }

  /** Empties both levels here, and tells every other replica to empty its first level. */
  async flush(): Promise<void> {
    await this.#bento.clear({ suppressL2Errors: true });
    await this.#redis?.publish(flushChannel, String(Date.now())).catch(() => undefined);
  }

  /** Closes the flush and eviction subscription (the Redis link itself belongs to whoever created it). */
  async close(): Promise<void> {
    const subscriber = this.#subscriber;
    if (!subscriber) return;
    // With a connection open, resolves once it is closed (ioredis destroys a lingering one within
    // 2 s); between reconnection attempts there is none to wait for.
    const open = ['connecting', 'connect', 'ready'].includes(subscriber.status);
    const ended = new Promise((resolve) => subscriber.once('end', resolve));
    subscriber.disconnect();
    if (open) await ended;
  }
}
