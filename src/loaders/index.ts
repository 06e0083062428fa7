import pLimit, { type LimitFunction } from 'p-limit';
import type { SharedCache } from '../cache';
import type { LookerClient } from '../looker/looker-client';
import {
  createContentSearches,
  createDashboardDetailLoader,
  createDashboardElementsLoader,
  createDashboardLoader,
  createFolderLoader,
  createLookLoader,
} from './content-loaders';
import type { LoaderOptions } from './loader-options';
import { createAllModels, createExploreLoader, createModelLoader, createQueryLoader } from './model-loaders';
import { RequestCache } from './request-cache';
import { createInlineResultLoader, createSavedResultLoader, rowScopedResults } from './result-loaders';
import { RowScope } from '../row-filters';
import { emptyPolicy, type Policy } from '../policy';
import type { Principal } from '../auth/principal';
import { createFieldSuggestions } from './suggestion-loaders';

/**
 * Creates one request's loaders. Never share them between requests: they cache per caller. What
 * they fetch goes through the shared cache (when given), keyed by the request's Looker identity.
 */
export function createLoaders(
  client: LookerClient,
  options: LoaderOptions,
  shared?: SharedCache,
  rowFilters?: { readonly policy: Policy; readonly principal: Principal | null },
) {
  // Made on first use: most operations (a look, a search) never run a query, and a limiter per
  // request showed in the CPU profile.
  let limiter: LimitFunction | undefined;
  const limit = <T>(task: () => Promise<T>): Promise<T> => (limiter ??= pLimit(options.concurrency))(task);
  const cache = new RequestCache(shared, client);
  const queryLoader = createQueryLoader(client, cache, options, limit);
  const dashboardElements = createDashboardElementsLoader(client, cache, options, limit);
  const explore = createExploreLoader(client, cache, options, limit);
  // The caller's row filters: checked against the explore's fields (cached metadata).
  const rows = new RowScope(rowFilters?.policy ?? emptyPolicy, rowFilters?.principal?.claims, async (model, name) => {
    const loaded = await explore.load({ model, name });
    if (!loaded) return null;
    const groups = loaded.fields;
    const names = new Set<string>();
    for (const list of [groups?.dimensions, groups?.measures, groups?.filters, groups?.parameters])
      for (const field of list ?? []) if (field.name) names.add(field.name.toLowerCase());
    return names;
  });
  const results = rowScopedResults(
    // A result without a caller's limit reads the saved query's own, to bound it (shared with `query`).
    createSavedResultLoader(client, cache, options, limit, (id) =>
      queryLoader.load(id).then(
        (q) => q?.limit,
        // Unknown: assume the worst (every row), so the run is still bounded.
        () => '-1',
      ),
    ),
    createInlineResultLoader(client, cache, options, limit),
    (id) => queryLoader.load(id),
    rows,
  );
  return {
    /** This request's door to the shared cache (it counts the hits for the audit). */
    cache,
    look: createLookLoader(client, cache, options),
    dashboard: createDashboardLoader(client, cache, options),
    dashboardDetail: createDashboardDetailLoader(client, cache, options, limit),
    dashboardElements,
    /**
     * Starts loading a dashboard's tiles before they are asked for, so they arrive with the
     * dashboard. Only where loads are shared: with batching off every load is a call of its own.
     */
    prefetchDashboardElements(id: string): void {
      if (options.batch) void dashboardElements.load(id).catch(() => undefined);
    },
    folder: createFolderLoader(client, cache, options),
    search: createContentSearches(client, cache),
    model: createModelLoader(client, cache, options),
    allModels: createAllModels(client, cache),
    explore,
    suggestions: createFieldSuggestions(client, cache, rows),
    query: queryLoader,
    /** The caller's row filters: every path that reads rows or values goes through them. */
    rows,
    savedResult: results.savedResult,
    inlineResult: results.inlineResult,
  };
}

/** One request's loaders. */
export type Loaders = ReturnType<typeof createLoaders>;
