import type { CacheKind, SharedCache } from '../cache';
import type { LookerClient } from '../looker/looker-client';

/** How one load is cached. */
export interface CachedLoadOptions<T> {
  /** Load afresh (and store the fresh answer), e.g. `refresh: true` on a result. */
  readonly refresh?: boolean;
  /** The Looker resources the answer stands for, recorded for the audit when it comes from the cache. */
  readonly resources?: (value: T) => Iterable<string>;
  /** The tags the answer is filed under (see `contentTags`), so that a write can `evict` it. */
  readonly tags?: (value: T) => Iterable<string>;
  /** Result rows the answer holds, counted in `servedRows` when it comes from the cache (for the audit). */
  readonly rows?: (value: T) => number;
  /** The titles of the content the answer holds, by resource, recorded when it comes from the cache. */
  readonly titles?: (value: T) => Iterable<readonly [string, string | null | undefined]>;
}

/** How each key of a batched load is cached. */
export interface CachedManyOptions<T> extends Omit<CachedLoadOptions<T>, 'refresh' | 'tags'> {
  /** The tags of one key's answer (null: Looker does not have it, or not for this identity). */
  readonly tags?: (value: T | null, key: string) => Iterable<string>;
}

/**
 * One request's door to the shared cache. Every key starts with the Looker identity the answer was
 * fetched as (the service account, or the caller's own Looker user), so an answer is never served
 * to a caller Looker would answer differently; scopes were checked by `@auth` before any resolver
 * asked. Counts what it served from the cache, for the audit trail.
 */
export class RequestCache {
  /** Answers served without a Looker call of this request's own. */
  hits = 0;
  /** Result rows those answers held: data the caller read without a Looker run of its own. */
  servedRows = 0;

  constructor(
    private readonly shared: SharedCache | undefined,
    private readonly client: LookerClient,
  ) {}

  /** From the cache, or `load` once for every concurrent request of this process that needs it. */
  async load<T>(
    kind: CacheKind,
    request: readonly unknown[],
    load: () => Promise<T>,
    options: CachedLoadOptions<T> = {},
  ): Promise<T> {
    if (!this.shared?.enabled(kind)) return load();
    const outcome = await this.shared.getOrLoad(kind, [await this.client.identity(), ...request], load, {
      refresh: options.refresh,
      tagsOf: options.tags,
    });
    if (outcome.hit) this.served(outcome.value, options);
    return outcome.value;
  }

  /**
   * For batched loads: answers each key from the cache where it can; if any key misses, one
   * `loadMissing` call fetches the whole batch, and each key is stored (null included: Looker does
   * not have it). Concurrent requests missing the same key wait for one load.
   */
  async loadMany<T>(
    kind: CacheKind,
    request: string,
    keys: readonly string[],
    loadMissing: (keys: readonly string[]) => Promise<(T | null)[]>,
    options: CachedManyOptions<T> = {},
  ): Promise<(T | null)[]> {
    const shared = this.shared;
    if (!shared?.enabled(kind)) return loadMissing(keys);
    const identity = await this.client.identity();
    let batch: Promise<Map<string, T | null>> | undefined;
    const fetchBatch = () => {
      batch ??= loadMissing(keys).then((values) => new Map(keys.map((key, i) => [key, values[i] ?? null])));
      return batch;
    };
    const tags = options.tags;
    const outcomes = await Promise.all(
      keys.map((key) =>
        shared.getOrLoad<T | null>(kind, [identity, request, key], async () => (await fetchBatch()).get(key) ?? null, {
          tagsOf: tags && ((value) => tags(value, key)),
        }),
      ),
    );
    return outcomes.map((outcome) => {
      if (outcome.hit && outcome.value !== null) this.served(outcome.value, options);
      return outcome.value;
    });
  }

  /**
   * Makes every cached answer filed under any of `tags` (see `contentTags`) a miss, on every
   * replica and for every Looker identity: for a write, once Looker accepted it and before the
   * written object is read back. Never rejects (with Redis down, the eviction holds on this replica).
   */
  async evict(tags: readonly string[]): Promise<void> {
    await this.shared?.evict(tags);
  }

  private served<T>(value: T, options: Pick<CachedLoadOptions<T>, 'resources' | 'rows' | 'titles'>): void {
    this.hits += 1;
    if (value === null || value === undefined) return;
    if (options.resources) this.client.recordResources(options.resources(value));
    if (options.titles) this.client.recordTitles(options.titles(value));
    if (options.rows) this.servedRows += options.rows(value);
  }
}
