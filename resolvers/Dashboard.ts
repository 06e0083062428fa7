import type { IDashboard } from '@looker/sdk';
import type { Context } from '../src/context';
import { dashboardFilterValues } from '../src/dashboard-tile';
import type { DashboardResolvers } from '../src/generated/resolvers-types';
import { isoDate } from '../src/iso-date';

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
  tiles: async (dashboard, { filters }, ctx) => {
    const [elements, dashboardFilters] = await Promise.all([elementsOf(dashboard, ctx), filtersOf(dashboard, ctx)]);
    // Every tile carries the filter values in force, for its result to apply those it listens to.
    const values = dashboardFilterValues({ ...dashboard, dashboard_filters: dashboardFilters }, filters);
    return elements.map((element) => ({ ...element, dashboardFilterValues: values }));
  },
  filters: (dashboard, _args, ctx) => filtersOf(dashboard, ctx),
  createdAt: (dashboard) => isoDate(dashboard.created_at),
  updatedAt: (dashboard) => isoDate(dashboard.updated_at),
};
