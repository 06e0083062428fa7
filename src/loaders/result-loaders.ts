import DataLoader from 'dataloader';
import type { IWriteQuery } from '@looker/sdk';
import type { LookerClient } from '../looker/looker-client';
import type { QueryResultData } from '../looker/query-result';
import { dataLoaderOptions, type Limit, loadEach, type LoaderOptions } from './loader-options';
import type { RequestCache } from './request-cache';
import { runAsTaskWhenSlow } from '../looker/run-as-task';

/** A saved query's result, at an optional row limit. */
export interface SavedResultKey {
  readonly queryId: string;
  readonly limit: number | undefined;
  /** Bypass the caches (ours and Looker's) and store the fresh result. */
  readonly refresh?: boolean;
}

/**
 * One run of a saved query: as a query task when it outlasts the synchronous wait (if configured);
 * `refresh` runs it synchronously with Looker's cache bypassed.
 */
function runSaved(client: LookerClient, key: SavedResultKey, slowRuns: LoaderOptions['slowRuns']): Promise<QueryResultData> {
  if (slowRuns && !key.refresh) return runAsTaskWhenSlow(client, { queryId: key.queryId, limit: key.limit }, slowRuns);
  return client.runQuery(key.queryId, key.limit, { refresh: key.refresh });
}

/**
 * Results of saved queries, cached across requests by query id and row limit (and the Looker
 * identity): tiles that share a query, or a look asked for twice, run once; concurrent requests
 * for the same result share one run; distinct queries run in parallel up to the request's bound.
 */
export function createSavedResultLoader(client: LookerClient, cache: RequestCache, options: LoaderOptions, limit: Limit): DataLoader<SavedResultKey, QueryResultData, string> {
  return new DataLoader<SavedResultKey, QueryResultData, string>(
    (keys) =>
      loadEach(keys, limit, (k) =>
        cache.load('result', ['run_query', k.queryId, k.limit ?? null], () => runSaved(client, k, options.slowRuns), {
          refresh: k.refresh,
          resources: () => [`query:${k.queryId}`],
        }),
      ),
    dataLoaderOptions<SavedResultKey, QueryResultData, string>(options, (k) => `${k.queryId}@${k.limit ?? ''}${k.refresh ? '!' : ''}`),
  );
}

/** Stable key of an ad-hoc query: the same query written with keys in another order is the same. */
export function canonicalQueryKey(query: IWriteQuery): string {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
    }
    return value;
  };
  return JSON.stringify(sortKeys(query));
}

/** An ad-hoc query (or a tile's query with dashboard filters applied) to run. */
export interface InlineResultKey {
  readonly query: IWriteQuery;
  /** Bypass the caches (ours and Looker's) and store the fresh result. */
  readonly refresh?: boolean;
}

/**
 * Results of ad-hoc queries, cached across requests and de-duplicated by their canonical form
 * (filters and row limit included), bounded like saved ones.
 */
export function createInlineResultLoader(client: LookerClient, cache: RequestCache, options: LoaderOptions, limit: Limit): DataLoader<InlineResultKey, QueryResultData, string> {
  return new DataLoader<InlineResultKey, QueryResultData, string>(
    (keys) =>
      loadEach(keys, limit, (k) =>
        cache.load('result', ['run_inline_query', canonicalQueryKey(k.query)], () => client.runInlineQuery(k.query, { refresh: k.refresh }), {
          refresh: k.refresh,
          resources: () => [`explore:${k.query.model}/${k.query.view}`],
        }),
      ),
    dataLoaderOptions<InlineResultKey, QueryResultData, string>(options, (k) => `${canonicalQueryKey(k.query)}${k.refresh ? '!' : ''}`),
  );
}
