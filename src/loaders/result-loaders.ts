import DataLoader from 'dataloader';
import type { IWriteQuery } from '@looker/sdk';
import type { LookerClient } from '../looker/looker-client';
import type { QueryResultData } from '../looker/query-result';
import { dataLoaderOptions, type Limit, loadEach, type LoaderOptions } from './loader-options';

/** A saved query's result, at an optional row limit. */
export interface SavedResultKey {
  readonly queryId: string;
  readonly limit: number | undefined;
}

/**
 * Results of saved queries. Tiles that share a query, or a look asked for twice, run once per
 * request; distinct queries run in parallel up to the request's concurrency bound.
 */
export function createSavedResultLoader(client: LookerClient, options: LoaderOptions, limit: Limit): DataLoader<SavedResultKey, QueryResultData, string> {
  return new DataLoader<SavedResultKey, QueryResultData, string>(
    (keys) => loadEach(keys, limit, (k) => client.runQuery(k.queryId, k.limit)),
    dataLoaderOptions<SavedResultKey, QueryResultData, string>(options, (k) => `${k.queryId}@${k.limit ?? ''}`),
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

/** Results of ad-hoc queries, de-duplicated by their canonical form and bounded like saved ones. */
export function createInlineResultLoader(client: LookerClient, options: LoaderOptions, limit: Limit): DataLoader<IWriteQuery, QueryResultData, string> {
  return new DataLoader<IWriteQuery, QueryResultData, string>(
    (queries) => loadEach(queries, limit, (q) => client.runInlineQuery(q)),
    dataLoaderOptions<IWriteQuery, QueryResultData, string>(options, canonicalQueryKey),
  );
}
