import type { IDashboard } from '@looker/sdk';
import type { Context } from '../src/context';
import { boundedList, boundedText, countArgument, maxFilterExpressionLength } from '../src/arguments';
import { dashboardFilterValues } from '../src/dashboard-tile';
import type { DashboardResolvers } from '../src/generated/resolvers-types';
import { isoDate } from '../src/iso-date';

/** Tiles served when the caller does not say (`first`), and the most a caller may ask for. */
const defaultTileCount = 100;
const maxTileCount = 200;
/** Most dashboard filter values one `tiles(filters:)` may set. */
const maxDashboardFilterValues = 50;

/** The dashboard's tiles: embedded when Looker sent them, else one call for this dashboard. */
async function elementsOf(dashboard: IDashboard, ctx: Context) {
  return dashboard.dashboard_elements ?? (dashboard.id ? ((await ctx.loaders.dashboardElements.load(dashboard.id)) ?? []) : []);
}

/** The dashboard's filters: embedded when Looker sent them, else from the whole dashboard. */
async function filtersOf(dashboard: IDashboard, ctx: Context) {
  return dashboard.dashboard_filters ?? (dashboard.id ? ((await ctx.loaders.dashboardDetail.load(dashboard.id))?.dashboard_filters ?? []) : []);
}

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
    const [elements, dashboardFilters] = await Promise.all([elementsOf(dashboard, ctx), filtersOf(dashboard, ctx)]);
    // Every tile carries the filter values in force, for its result to apply those it listens to.
    const values = dashboardFilterValues({ ...dashboard, dashboard_filters: dashboardFilters }, choices);
    return elements.slice(0, count).map((element) => ({ ...element, dashboardFilterValues: values }));
  },
  filters: (dashboard, _args, ctx) => filtersOf(dashboard, ctx),
  createdAt: (dashboard) => isoDate(dashboard.created_at),
  updatedAt: (dashboard) => isoDate(dashboard.updated_at),
};
