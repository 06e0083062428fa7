import type DataLoader from 'dataloader';
import { LookerError } from '../looker/errors';
import type { SlowQueryOptions } from '../looker/run-as-task';

/** How a request's loaders batch, cache and bound their Looker calls. */
export interface LoaderOptions {
  /**
   * Batch keys of one tick into one call and de-duplicate identical keys. Only benchmarks turn
   * this off, to measure what it saves.
   */
  readonly batch: boolean;
  /** Most Looker calls one request runs at once outside batches (query runs, explores). */
  readonly concurrency: number;
  /** Most ids sent in one search call, so the URL stays short. */
  readonly maxBatchSize: number;
  /**
   * Saved-query results that outlast the synchronous wait run as Looker query tasks, polled until
   * done or the deadline. Without this, a result is one synchronous run within LOOKERSDK_TIMEOUT.
   */
  readonly slowRuns?: Omit<SlowQueryOptions, 'signal'>;
  /** Most rows a result holds (`MAX_RESULT_ROWS`); more are cut and the result says `truncated`. Default 5000. */
  readonly maxResultRows?: number;
}

/** Runs a task under the request's concurrency bound. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/** Defaults used by the server. */
// 16 parallel calls let a two-dashboard page's distinct tile queries run in one wave.
export const defaultLoaderOptions: LoaderOptions = { batch: true, concurrency: 16, maxBatchSize: 100 };

/** DataLoader options derived from ours. */
export function dataLoaderOptions<K, V, C = K>(
  options: LoaderOptions,
  cacheKeyFn?: (key: K) => C,
): DataLoader.Options<K, V, C> {
  return options.batch
    ? { maxBatchSize: options.maxBatchSize, ...(cacheKeyFn ? { cacheKeyFn } : {}) }
    : { batch: false, cache: false };
}

/** Looker answers 404 for content that does not exist or that its user may not see: that is null. */
export async function nullIfNotFound<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof LookerError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Puts results in key order, null for keys Looker did not return. */
export function inKeyOrder<T>(
  keys: readonly string[],
  items: readonly T[],
  keyOf: (item: T) => string | null | undefined,
): (T | null)[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key) byKey.set(key, item);
  }
  return keys.map((key) => byKey.get(key) ?? null);
}

/**
 * Loads each key with its own Looker call under the request's concurrency bound. Answers in key
 * order with an `Error` in place of a failed key, as DataLoader expects.
 */
export function loadEach<K, V>(keys: readonly K[], limit: Limit, load: (key: K) => Promise<V>): Promise<(V | Error)[]> {
  return Promise.all(keys.map((key) => limit(() => load(key)).catch((error: Error) => error)));
}
