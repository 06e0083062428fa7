import DataLoader from 'dataloader';
import type { IDashboard, IDashboardElement, IFolder, ILook } from '@looker/sdk';
import { contentTags } from '../cache';
import type { ContentSearch, LookerClient, SearchAnswer } from '../looker/looker-client';
import {
  dataLoaderOptions,
  inKeyOrder,
  type Limit,
  loadEach,
  type LoaderOptions,
  nullIfNotFound,
} from './loader-options';
import type { RequestCache } from './request-cache';

/** A look's title and a dashboard's, by resource: what an access review shows of the content read. */
const lookTitles = (look: ILook) => [[`look:${look.id}`, look.title] as const];
const dashboardTitles = (dashboard: IDashboard) => [[`dashboard:${dashboard.id}`, dashboard.title] as const];

/** The resources a look stands for in the audit trail (it embeds its folder and model). */
export function lookResources(look: ILook): string[] {
  return [
    `look:${look.id}`,
    ...(look.folder?.id ? [`folder:${look.folder.id}`] : []),
    ...(look.model?.id ? [`model:${look.model.id}`] : []),
  ];
}
const dashboardResources = (dashboard: IDashboard) => [`dashboard:${dashboard.id}`];
const folderResources = (folder: IFolder) => [`folder:${folder.id}`];

// The cache's tags of each answer (see `contentTags`): the objects it holds, the folder whose name
// it embeds, and for a dashboard's tiles, the looks they embed.
const folderTagOf = (item: { folder?: { id?: string | null } | null; folder_id?: string | null } | null) => {
  const folderId = item?.folder?.id ?? item?.folder_id;
  return folderId ? [contentTags.folder(folderId)] : [];
};
const lookTags = (look: ILook | null, id = look?.id) => [...(id ? [contentTags.look(id)] : []), ...folderTagOf(look)];
const tileTags = (elements: readonly IDashboardElement[] | null | undefined) =>
  (elements ?? []).flatMap((element) => (element.look_id ? [contentTags.look(element.look_id)] : []));
const dashboardTags = (dashboard: IDashboard | null, id = dashboard?.id) => [
  ...(id ? [contentTags.dashboard(id)] : []),
  ...folderTagOf(dashboard),
  ...tileTags(dashboard?.dashboard_elements),
];
const folderTags = (folder: IFolder | null, id = folder?.id) => (id ? [contentTags.folder(id)] : []);

/** Looks by id: cached per id; the misses of one tick go to Looker as one comma-separated `search_looks`. */
export function createLookLoader(
  client: LookerClient,
  cache: RequestCache,
  options: LoaderOptions,
): DataLoader<string, ILook | null> {
  return new DataLoader(
    (ids) =>
      cache.loadMany(
        'metadata',
        'look',
        ids,
        async (missing) =>
          inKeyOrder(missing, await client.searchLooks({ ids: missing, limit: missing.length }), (l) => l.id),
        {
          resources: lookResources,
          titles: lookTitles,
          tags: lookTags,
        },
      ),
    dataLoaderOptions(options),
  );
}

/** Whether an id names a LookML dashboard (`model::dashboard_name`) rather than a user-defined one. */
export function isLookmlDashboardId(id: string): boolean {
  return id.includes('::');
}

/**
 * Dashboards by id, cached. User-defined dashboards are batched like looks with
 * `search_dashboards`; LookML dashboards (`model::name`), which that search never returns, are
 * read one each with `dashboard`.
 */
export function createDashboardLoader(
  client: LookerClient,
  cache: RequestCache,
  options: LoaderOptions,
): DataLoader<string, IDashboard | null> {
  const load = async (missing: readonly string[]) => {
    const userDefined = missing.filter((id) => !isLookmlDashboardId(id));
    const [searched, lookml] = await Promise.all([
      userDefined.length > 0
        ? client.searchDashboards({ ids: userDefined, limit: userDefined.length })
        : Promise.resolve([]),
      Promise.all(missing.filter(isLookmlDashboardId).map((id) => nullIfNotFound(client.dashboard(id)))),
    ]);
    return inKeyOrder(missing, [...searched, ...lookml.filter((d): d is IDashboard => d !== null)], (d) => d.id);
  };
  return new DataLoader(
    (ids) =>
      cache.loadMany('metadata', 'dashboard', ids, load, {
        resources: dashboardResources,
        titles: dashboardTitles,
        tags: dashboardTags,
      }),
    dataLoaderOptions(options),
  );
}

/** Folders by id, cached and batched with `search_folders`. */
export function createFolderLoader(
  client: LookerClient,
  cache: RequestCache,
  options: LoaderOptions,
): DataLoader<string, IFolder | null> {
  return new DataLoader(
    (ids) =>
      cache.loadMany(
        'metadata',
        'folder',
        ids,
        async (missing) =>
          inKeyOrder(missing, await client.searchFolders({ ids: missing, limit: missing.length }), (f) => f.id),
        {
          resources: folderResources,
          tags: folderTags,
        },
      ),
    dataLoaderOptions(options),
  );
}

/**
 * The tiles of a dashboard. Looker has no batch endpoint for them, so each dashboard is one call,
 * cached, and bounded by the request's concurrency limit.
 */
export function createDashboardElementsLoader(
  client: LookerClient,
  cache: RequestCache,
  options: LoaderOptions,
  limit: Limit,
): DataLoader<string, IDashboardElement[] | null> {
  return new DataLoader(
    (ids) =>
      loadEach(ids, limit, (id) =>
        cache.load('metadata', ['dashboard_elements', id], () => nullIfNotFound(client.dashboardElements(id)), {
          resources: () => [`dashboard:${id}`],
          tags: (elements) => [contentTags.dashboard(id), ...tileTags(elements)],
        }),
      ),
    dataLoaderOptions(options),
  );
}

/**
 * Whole dashboards (tiles and filters included), for when a search answer left them out. One call
 * each, cached, bounded by the request's concurrency limit.
 */
export function createDashboardDetailLoader(
  client: LookerClient,
  cache: RequestCache,
  options: LoaderOptions,
  limit: Limit,
): DataLoader<string, IDashboard | null> {
  return new DataLoader(
    (ids) =>
      loadEach(ids, limit, (id) =>
        // Its own key: the batched loader's `dashboard` entries may be search answers without tiles.
        cache.load('metadata', ['dashboard_detail', id], () => nullIfNotFound(client.dashboard(id)), {
          resources: () => [`dashboard:${id}`],
          tags: (dashboard) => dashboardTags(dashboard, id),
        }),
      ),
    dataLoaderOptions(options),
  );
}

/**
 * Content searches (a page of looks, dashboards or folders, with Looker's count of all matches),
 * cached by their criteria.
 */
export function createContentSearches(client: LookerClient, cache: RequestCache) {
  const many =
    <T>(resources: (item: T) => string[]) =>
    (answer: SearchAnswer<T>) =>
      answer.items.flatMap(resources);
  // A page is filed under its kind alone: a write to any item of that kind may change which items
  // a page holds (a title, a folder), so writes evict the kind's tag too. (A tag per item held would
  // cost a tag lookup per item on every read of the page.)
  const pageTags = (kind: string) => () => [kind];
  // The keys name a page (`…_page`): entries cached before pages carried their count were bare lists.
  return {
    looks: (search: ContentSearch) =>
      cache.load('metadata', ['search_looks_page', search], () => client.searchLooksPage(search), {
        resources: many(lookResources),
        titles: (answer: SearchAnswer<ILook>) => answer.items.flatMap(lookTitles),
        tags: pageTags(contentTags.looks),
      }),
    dashboards: (search: ContentSearch) =>
      cache.load('metadata', ['search_dashboards_page', search], () => client.searchDashboardsPage(search), {
        resources: many(dashboardResources),
        titles: (answer: SearchAnswer<IDashboard>) => answer.items.flatMap(dashboardTitles),
        tags: pageTags(contentTags.dashboards),
      }),
    folders: (search: ContentSearch) =>
      cache.load('metadata', ['search_folders_page', search], () => client.searchFoldersPage(search), {
        resources: many(folderResources),
        tags: pageTags(contentTags.folders),
      }),
  };
}
