import DataLoader from 'dataloader';
import type { IQuery, IWriteQuery } from '@looker/sdk';
import { resultFormat, type LookerClient } from '../looker/looker-client';
import type { QueryResultData } from '../looker/query-result';
import { dataLoaderOptions, type Limit, loadEach, type LoaderOptions } from './loader-options';
import type { RequestCache } from './request-cache';
import { runAsTaskWhenSlow } from '../looker/run-as-task';
import { boundRows } from '../looker/query-result';
import { LookerError } from '../looker/errors';
import { boundedRowLimit, defaultMaxResultRows } from '../looker/row-bound';
import type { RowScope } from '../row-filters';

/** A saved query's result, at an optional row limit. */
export interface SavedResultKey {
  readonly queryId: string;
  readonly limit: number | undefined;
  /** Bypass the caches (ours and Looker's) and store the fresh result. */
  readonly refresh?: boolean;
  /** The saved query's own limit when the caller has it at hand (a tile's embedded query); else it is looked up. */
  readonly savedLimit?: string | null;
}

/** A saved query's own row limit (Looker's `limit` string), for bounding what a run reads. */
export type SavedLimitOf = (queryId: string) => Promise<string | null | undefined>;

/**
 * One run of a saved query: as a query task when it outlasts the synchronous wait (if configured);
 * `refresh` runs it synchronously with Looker's cache bypassed.
 */
async function runSaved(
  client: LookerClient,
  key: SavedResultKey,
  options: LoaderOptions,
  savedLimitOf: SavedLimitOf | undefined,
): Promise<QueryResultData> {
  const maxRows = options.maxResultRows ?? defaultMaxResultRows;
  // Never read more than MAX_RESULT_ROWS (+1 to know there were more): a saved query may say `-1`, every row.
  const own =
    key.limit === undefined
      ? key.savedLimit !== undefined
        ? key.savedLimit
        : await savedLimitOf?.(key.queryId)
      : undefined;
  const limit = boundedRowLimit(key.limit, own, maxRows);
  const run =
    options.slowRuns && !key.refresh
      ? runAsTaskWhenSlow(client, { queryId: key.queryId, limit }, options.slowRuns)
      : client.runQuery(key.queryId, limit, { refresh: key.refresh });
  return boundRows(await run, maxRows);
}

/**
 * Results of saved queries, cached across requests by query id and row limit (and the Looker
 * identity). This way:
 * - tiles that share a query, or a look asked for twice, run once;
 * - concurrent requests for the same result share one run;
 * - distinct queries run in parallel up to the request's bound.
 */
export function createSavedResultLoader(
  client: LookerClient,
  cache: RequestCache,
  options: LoaderOptions,
  limit: Limit,
  savedLimitOf?: SavedLimitOf,
): DataLoader<SavedResultKey, QueryResultData, string> {
  return new DataLoader<SavedResultKey, QueryResultData, string>(
    (keys) =>
      loadEach(keys, limit, (k) =>
        cache.load(
          'result',
          ['run_query', resultFormat, k.queryId, k.limit ?? null],
          () => runSaved(client, k, options, savedLimitOf),
          {
            refresh: k.refresh,
            resources: () => [`query:${k.queryId}`],
            rows: (result) => result.rows.length,
          },
        ),
      ),
    dataLoaderOptions<SavedResultKey, QueryResultData, string>(
      options,
      (k) => `${k.queryId}@${k.limit ?? ''}${k.refresh ? '!' : ''}`,
    ),
  );
}

/** Stable key of an ad-hoc query: the same query written with keys in another order is the same. */
export function canonicalQueryKey(query: IWriteQuery): string {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, sortKeys(v)]),
      );
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

/** One run of an ad-hoc query, its limit bounded as a saved query's is (a tile's query may say `-1`). */
async function runInline(client: LookerClient, key: InlineResultKey, options: LoaderOptions): Promise<QueryResultData> {
  const maxRows = options.maxResultRows ?? defaultMaxResultRows;
  const limit = boundedRowLimit(undefined, key.query.limit, maxRows);
  const query = limit === undefined ? key.query : { ...key.query, limit: String(limit) };
  return boundRows(await client.runInlineQuery(query, { refresh: key.refresh }), maxRows);
}

/**
 * Results of ad-hoc queries, cached across requests and de-duplicated by their canonical form
 * (filters and row limit included), bounded like saved ones.
 */
export function createInlineResultLoader(
  client: LookerClient,
  cache: RequestCache,
  options: LoaderOptions,
  limit: Limit,
): DataLoader<InlineResultKey, QueryResultData, string> {
  return new DataLoader<InlineResultKey, QueryResultData, string>(
    (keys) =>
      loadEach(keys, limit, (k) =>
        cache.load(
          'result',
          ['run_inline_query', resultFormat, canonicalQueryKey(k.query)],
          () => runInline(client, k, options),
          {
            refresh: k.refresh,
            resources: () => [`explore:${k.query.model}/${k.query.view}`],
            rows: (result) => result.rows.length,
          },
        ),
      ),
    dataLoaderOptions<InlineResultKey, QueryResultData, string>(
      options,
      (k) => `${canonicalQueryKey(k.query)}${k.refresh ? '!' : ''}`,
    ),
  );
}

/**
 * The SQL of an ad-hoc query, compiled by Looker and not run (see `LookerClient.inlineQuerySql`),
 * cached like metadata by the query's canonical form: the SQL changes only with the LookML.
 */
export function inlineQuerySql(client: LookerClient, cache: RequestCache, query: IWriteQuery): Promise<string> {
  return cache.load('metadata', ['query_sql', canonicalQueryKey(query)], () => client.inlineQuerySql(query), {
    resources: () => [`explore:${query.model}/${query.view}`],
  });
}

/**
 * The link that opens an ad-hoc query in Looker (`create_query`'s `share_url`), cached like metadata
 * by the query's canonical form: Looker answers an identical query with the same saved query.
 */
export async function queryShareUrl(
  client: LookerClient,
  cache: RequestCache,
  query: IWriteQuery,
): Promise<string | null> {
  const saved = await cache.load(
    'metadata',
    ['create_query', canonicalQueryKey(query)],
    () => client.createQueryLink(query),
    { resources: (link) => [`explore:${query.model}/${query.view}`, `query:${link.id}`] },
  );
  return saved.shareUrl;
}

/** What resolvers load results with: keys in, results out (the loaders under row filters). */
export interface ResultLoader<K> {
  load(key: K): Promise<QueryResultData>;
}

/**
 * The result loaders under the caller's row filters. An ad-hoc query runs with the forced filters
 * added (its canonical form, and so its cache key, holds them). A saved query whose explore is
 * under a row filter never runs, nor is cached, by its id: its definition runs inline with the
 * filters added. Saved queries of other explores run by id as before.
 */
export function rowScopedResults(
  saved: ResultLoader<SavedResultKey>,
  inline: ResultLoader<InlineResultKey>,
  queryOf: (queryId: string) => Promise<IQuery | null>,
  rows: RowScope,
): { savedResult: ResultLoader<SavedResultKey>; inlineResult: ResultLoader<InlineResultKey> } {
  const inlineResult: ResultLoader<InlineResultKey> = {
    load: async (key) => inline.load({ ...key, query: await rows.restrict(key.query) }),
  };
  const savedResult: ResultLoader<SavedResultKey> = {
    load: async (key) => {
      if (!rows.active) return saved.load(key);
      const definition = await queryOf(key.queryId);
      if (!definition) throw new LookerError('NOT_FOUND', `Query ${key.queryId} does not exist`, 'query');
      const restricted = await rows.restrictSaved(definition, key.limit);
      if (!restricted) return saved.load(key);
      return inline.load({ query: restricted, ...(key.refresh !== undefined && { refresh: key.refresh }) });
    },
  };
  return { savedResult, inlineResult };
}
