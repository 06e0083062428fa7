import type { IDashboard, IDashboardElement, IDashboardLayout } from '@looker/sdk';
import type { Context } from '../src/graphql/context';
import { boundedList, boundedText, countArgument, maxFilterExpressionLength } from '../src/graphql/input/arguments';
import { activeLayout, dashboardFilterValues } from '../src/graphql/input/dashboard-tile';
import type { DashboardResolvers } from '../src/generated/resolvers-types';
import { embedUrlFor } from '../src/embed';
import { isoDate } from '../src/graphql/input/iso-date';

/** Tiles served when the caller does not say (`first`), and the most a caller may ask for. */
const defaultTileCount = 100;
const maxTileCount = 200;
/** Most dashboard filter values one `tiles(filters:)` may set. */
const maxDashboardFilterValues = 50;

/** The dashboard's tiles from `dashboard_dashboard_elements`: one call for this dashboard. */
async function fetchedElements(dashboard: IDashboard, ctx: Context): Promise<IDashboardElement[]> {
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
async function layoutOf(dashboard: IDashboard, ctx: Context): Promise<IDashboardLayout | undefined> {
  const layouts =
    dashboard.dashboard_layouts ??
    (dashboard.id ? (await ctx.loaders.dashboardDetail.load(dashboard.id))?.dashboard_layouts : undefined);
  return activeLayout(layouts);
}

/** Columns of Looker's "newspaper" grid, the layout of every dashboard made since Looker 6.20. */
const newspaperColumns = 24;

/** A dashboard: tiles and filters come with it when Looker sent them, else from one detail call. */
export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.dashboard.load(ref.id),
  id: (dashboard) => String(dashboard.id),
  title: (dashboard) => dashboard.title ?? '',
  folder: (dashboard, _args, ctx) => (dashboard.folder_id ? ctx.loaders.folder.load(dashboard.folder_id) : null),
  tiles: async (dashboard, { filters, first }, ctx) => {
    const count = countArgument('first', first, defaultTileCount, maxTileCount);
    const choices = boundedList('filters', filters ?? [], maxDashboardFilterValues).map((choice, i) => ({
      name: boundedText(`filters[${i}].name`, choice.name, 200),
      value: boundedText(`filters[${i}].value`, choice.value, maxFilterExpressionLength),
    }));
    const dashboardFilters = await filtersOf(dashboard, ctx);
    const elements = await elementsOf(dashboard, dashboardFilters.length > 0, ctx);
    // Every tile carries the filter values in force, for its result to apply those it listens to.
    const values = dashboardFilterValues({ ...dashboard, dashboard_filters: dashboardFilters }, choices);
    // The layout is read once for all tiles, and only if a tile's `layout` is asked for.
    let layout: Promise<IDashboardLayout | undefined> | undefined;
    const dashboardLayout = () => (layout ??= layoutOf(dashboard, ctx));
    return elements.slice(0, count).map((element) => ({ ...element, dashboardFilterValues: values, dashboardLayout }));
  },
  // Each filter carries its siblings, for its suggestions to honour the filters it listens to.
  filters: async (dashboard, _args, ctx) => {
    const filters = await filtersOf(dashboard, ctx);
    return filters.map((filter) => ({ ...filter, dashboardFilters: filters }));
  },
  layout: async (dashboard, _args, ctx) => {
    const layout = await layoutOf(dashboard, ctx);
    if (!layout) return null;
    // Only newspaper layouts have a fixed grid; older ones place tiles in pixels, which `width`/`columnWidth` give.
    return {
      type: layout.type ?? null,
      columns: newspaperColumns,
      width: layout.width ?? null,
      columnWidth: layout.column_width ?? null,
    };
  },
  embedUrl: (dashboard, _args, ctx, info) =>
    dashboard.id ? embedUrlFor({ kind: 'dashboard', id: String(dashboard.id) }, ctx, info) : null,
  createdAt: (dashboard) => isoDate(dashboard.created_at),
  updatedAt: (dashboard) => isoDate(dashboard.updated_at),
};
