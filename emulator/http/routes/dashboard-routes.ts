import type { IDashboard } from '@looker/sdk';
import type { ResolvedDashboard } from '../../content/content-store';
import {
  dashboard,
  dashboardBase,
  dashboardElement,
  dashboardFilter,
  dashboardSlug,
} from '../../content/dashboard-view';
import { applySearch, applySorts, type Criterion } from '../../content/search';
import { pageWithHeaders } from '../paging-headers';
import type { ApiRoutes } from '../api-router';
import { sendJson } from '../api-router';
import { notFound } from '../errors';
import { requireDashboard, searchable, viewContext, visibleDashboards } from './content-access';
import { dashboardMetadataId } from '../../content/content-metadata';

/** Search parameters of `GET /dashboards/search`. */
const CRITERIA: readonly Criterion<ResolvedDashboard>[] = [
  { param: 'id', kind: 'id', value: (d) => d.def.id },
  { param: 'slug', kind: 'string', value: (d) => dashboardSlug(d.def.id) },
  { param: 'title', kind: 'string', value: (d) => d.def.title },
  { param: 'description', kind: 'string', value: (d) => d.def.description },
  { param: 'folder_id', kind: 'id', value: (d) => d.def.folderId },
  { param: 'space_id', kind: 'id', value: (d) => d.def.folderId },
  { param: 'view_count', kind: 'id', value: (d) => d.viewCount },
  { param: 'content_metadata_id', kind: 'id', value: (d) => dashboardMetadataId(d.def.id) },
  { param: 'content_favorite_id', kind: 'id', value: () => null },
  { param: 'deleted', kind: 'boolean', value: (d) => d.deleted },
];

/** Fields `sorts` may name. */
const SORT_KEYS: Readonly<Record<string, (d: ResolvedDashboard) => string | number | Date>> = {
  id: (d) => Number(d.def.id),
  title: (d) => d.def.title,
  description: (d) => d.def.description,
  user_id: (d) => Number(d.def.userId),
  folder_id: (d) => Number(d.def.folderId),
  space_id: (d) => Number(d.def.folderId),
  created_at: (d) => d.createdAt,
  updated_at: (d) => d.updatedAt,
  last_viewed_at: (d) => d.lastViewedAt,
  view_count: (d) => d.viewCount,
  favorite_count: (d) => d.favoriteCount,
};

/**
 * A dashboard as a search answers it. Nothing shows that Looker's search fills each element's
 * `result_maker.filterables` (which dashboard filters a tile listens to), so the emulator leaves
 * them out there: a client must read them from `dashboard_dashboard_elements` (or `dashboard`).
 */
function searchedDashboard(found: IDashboard): IDashboard {
  return {
    ...found,
    dashboard_elements: found.dashboard_elements?.map((e) => {
      if (!e.result_maker) return e;
      const { filterables: _unproven, ...resultMaker } = e.result_maker;
      return { ...e, result_maker: resultMaker };
    }),
  };
}

/** `GET /dashboards`, `/dashboards/search`, `/dashboards/:id` and its elements and filters, `/dashboard_elements/:id`. */
export function registerDashboardRoutes(api: ApiRoutes): void {
  api.get('/dashboards', (ctx) => {
    const view = viewContext(ctx);
    sendJson(
      ctx,
      visibleDashboards(ctx)
        .filter((d) => !d.deleted)
        .map((d) => dashboardBase(d, ctx.services.content, view)),
    );
  });

  api.get('/dashboards/search', (ctx) => {
    // The spec: search_dashboards "does not return LookML dashboard objects".
    const userDefined = searchable(ctx, visibleDashboards(ctx)).filter((d) => !d.def.lookmlModel);
    let found = applySearch(userDefined, CRITERIA, ctx.params.reader, ctx.params.bool('filter_or') === true);
    // `user_id` selects the owner's dashboards, or with `not_owned_by` everyone else's.
    const owners = ctx.params.list('user_id');
    if (owners) {
      const notOwned = ctx.params.bool('not_owned_by') === true;
      found = found.filter((d) => owners.includes(d.def.userId) !== notOwned);
    }
    const sorted = applySorts(found, ctx.params.string('sorts'), SORT_KEYS);
    const view = viewContext(ctx);
    sendJson(
      ctx,
      pageWithHeaders(ctx, sorted).map((d) => searchedDashboard(dashboard(d, ctx.services.content, view))),
    );
  });

  api.get('/dashboards/:dashboard_id', (ctx) => {
    const found = requireDashboard(ctx, String(ctx.req.params.dashboard_id));
    sendJson(ctx, dashboard(found, ctx.services.content, viewContext(ctx)));
  });

  api.get('/dashboards/:dashboard_id/dashboard_elements', (ctx) => {
    const found = requireDashboard(ctx, String(ctx.req.params.dashboard_id));
    const view = viewContext(ctx);
    sendJson(
      ctx,
      found.elements.map((e) => dashboardElement(e, found, ctx.services.content, view)),
    );
  });

  api.get('/dashboards/:dashboard_id/dashboard_filters', (ctx) => {
    const found = requireDashboard(ctx, String(ctx.req.params.dashboard_id));
    const view = viewContext(ctx);
    sendJson(
      ctx,
      found.filters.map((f) => dashboardFilter(f, view)),
    );
  });

  api.get('/dashboard_elements/:dashboard_element_id', (ctx) => {
    const id = String(ctx.req.params.dashboard_element_id);
    const owner = visibleDashboards(ctx).find((d) => d.elements.some((e) => e.id === id));
    const element = owner?.elements.find((e) => e.id === id);
    if (!owner || !element) throw notFound();
    sendJson(ctx, dashboardElement(element, owner, ctx.services.content, viewContext(ctx)));
  });
}
