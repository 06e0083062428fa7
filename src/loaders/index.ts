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
import { createInlineResultLoader, createSavedResultLoader } from './result-loaders';
import { createFieldSuggestions } from './suggestion-loaders';

/**
 * Creates one request's loaders. Never share them between requests: they cache per caller. What
 * they fetch goes through the shared cache (when given), keyed by the request's Looker identity.
 */
export function createLoaders(client: LookerClient, options: LoaderOptions, shared?: SharedCache) {
  // Made on first use: most operations (a look, a search) never run a query, and a limiter per
  // request showed in the CPU profile.
  let limiter: LimitFunction | undefined;
  const limit = <T>(task: () => Promise<T>): Promise<T> => (limiter ??= pLimit(options.concurrency))(task);
  const cache = new RequestCache(shared, client);
  const queryLoader = createQueryLoader(client, cache, options, limit);
  const dashboardElements = createDashboardElementsLoader(client, cache, options, limit);
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
    explore: createExploreLoader(client, cache, options, limit),
    suggestions: createFieldSuggestions(client, cache),
    query: queryLoader,
    // A result without a caller's limit reads the saved query's own, to bound it (shared with `query`).
    savedResult: createSavedResultLoader(client, cache, options, limit, (id) =>
      queryLoader.load(id).then(
        (q) => q?.limit,
        // Unknown: assume the worst (every row), so the run is still bounded.
        () => '-1',
      ),
    ),
    inlineResult: createInlineResultLoader(client, cache, options, limit),
  };
}

/** One request's loaders. */
export type Loaders = ReturnType<typeof createLoaders>;
