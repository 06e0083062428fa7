import DataLoader from 'dataloader';
import type { IDashboard, IDashboardElement, IFolder, ILook } from '@looker/sdk';
import type { LookerClient } from '../looker/looker-client';
import { dataLoaderOptions, inKeyOrder, type Limit, loadEach, type LoaderOptions, nullIfNotFound } from './loader-options';

/** Looks by id: the ids of one tick go to Looker as one comma-separated `search_looks`. */
export function createLookLoader(client: LookerClient, options: LoaderOptions): DataLoader<string, ILook | null> {
  return new DataLoader(
    async (ids) => inKeyOrder(ids, await client.searchLooks({ ids, limit: ids.length }), (l) => l.id),
    dataLoaderOptions(options),
  );
}

/** Dashboards by id, batched like looks with `search_dashboards`. */
export function createDashboardLoader(client: LookerClient, options: LoaderOptions): DataLoader<string, IDashboard | null> {
  return new DataLoader(
    async (ids) => inKeyOrder(ids, await client.searchDashboards({ ids, limit: ids.length }), (d) => d.id),
    dataLoaderOptions(options),
  );
}

/** Folders by id, batched with `search_folders`. */
export function createFolderLoader(client: LookerClient, options: LoaderOptions): DataLoader<string, IFolder | null> {
  return new DataLoader(
    async (ids) => inKeyOrder(ids, await client.searchFolders({ ids, limit: ids.length }), (f) => f.id),
    dataLoaderOptions(options),
  );
}

/**
 * The tiles of a dashboard. Looker has no batch endpoint for them, so each dashboard is one call,
 * bounded by the request's concurrency limit.
 */
export function createDashboardElementsLoader(
  client: LookerClient,
  options: LoaderOptions,
  limit: Limit,
): DataLoader<string, IDashboardElement[] | null> {
  return new DataLoader(
    (ids) => loadEach(ids, limit, (id) => nullIfNotFound(client.dashboardElements(id))),
    dataLoaderOptions(options),
  );
}

/**
 * Whole dashboards (tiles and filters included), for when a search answer left them out. One call
 * each, bounded by the request's concurrency limit.
 */
export function createDashboardDetailLoader(client: LookerClient, options: LoaderOptions, limit: Limit): DataLoader<string, IDashboard | null> {
  return new DataLoader(
    (ids) => loadEach(ids, limit, (id) => nullIfNotFound(client.dashboard(id))),
    dataLoaderOptions(options),
  );
}
