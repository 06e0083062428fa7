import type { IDashboard, IDashboardElement, IDashboardLayout } from '@looker/sdk';
import type { Context } from '../context/context';
import { activeLayout, dashboardFilterValues, type DashboardTileModel } from '../input/dashboard-tile';

/** The dashboard's tiles from `dashboard_dashboard_elements`: one call for this dashboard. */
export async function fetchedElements(dashboard: IDashboard, ctx: Context): Promise<IDashboardElement[]> {
  return dashboard.id ? ((await ctx.loaders.dashboardElements.load(dashboard.id)) ?? []) : [];
}

/** A tile that runs a query (not text) but does not say which dashboard filters it listens to. */
function lacksFilterables(element: IDashboardElement): boolean {
  const runsQuery = Boolean(
    element.result_maker ?? element.query ?? element.query_id ?? element.look ?? element.look_id,
  );
  return runsQuery && !element.result_maker?.filterables;
}

/**
 * The dashboard's tiles: embedded when Looker sent them, else one call for this dashboard. Nothing
 * shows that a dashboard search fills each tile's `result_maker.filterables`: when the dashboard
 * has filters and an embedded tile lacks them, the tiles are fetched, so filters are never
 * silently left unapplied.
 */
export async function elementsOf(
  dashboard: IDashboard,
  hasFilters: boolean,
  ctx: Context,
): Promise<IDashboardElement[]> {
  const embedded = dashboard.dashboard_elements;
  if (!embedded) return fetchedElements(dashboard, ctx);
  return hasFilters && embedded.some(lacksFilterables) ? fetchedElements(dashboard, ctx) : embedded;
}

/** The dashboard's filters: embedded when Looker sent them, else from the whole dashboard. */
export async function filtersOf(dashboard: IDashboard, ctx: Context) {
  return (
    dashboard.dashboard_filters ??
    (dashboard.id ? ((await ctx.loaders.dashboardDetail.load(dashboard.id))?.dashboard_filters ?? []) : [])
  );
}

/** The dashboard's active layout: embedded when Looker sent the layouts, else from the dashboard's detail call. */
export async function layoutOf(dashboard: IDashboard, ctx: Context): Promise<IDashboardLayout | undefined> {
  const layouts =
    dashboard.dashboard_layouts ??
    (dashboard.id ? (await ctx.loaders.dashboardDetail.load(dashboard.id))?.dashboard_layouts : undefined);
  return activeLayout(layouts);
}

/**
 * One tile read outside its dashboard's `tiles` (a tile a write answered): with its dashboard's
 * filter defaults for its result, and its layout from the dashboard, as `Dashboard.tiles` gives it.
 */
export async function standaloneTile(element: IDashboardElement, ctx: Context): Promise<DashboardTileModel> {
  const dashboard = element.dashboard_id ? await ctx.loaders.dashboard.load(element.dashboard_id) : null;
  if (!dashboard) return { ...element, dashboardFilterValues: {} };
  const filters = await filtersOf(dashboard, ctx);
  return {
    ...element,
    dashboardFilterValues: dashboardFilterValues({ ...dashboard, dashboard_filters: filters }, []),
    dashboardLayout: () => layoutOf(dashboard, ctx),
  };
}
