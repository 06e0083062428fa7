import { isoDate } from '../src/iso-date';
import type { DashboardResolvers } from '../src/generated/resolvers-types';

/** A dashboard: tiles and filters come with it when Looker sent them, else from one detail call. */
export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.dashboard.load(ref.id),
  id: (dashboard) => String(dashboard.id),
  title: (dashboard) => dashboard.title ?? '',
  folder: (dashboard, _args, ctx) => (dashboard.folder_id ? ctx.loaders.folder.load(dashboard.folder_id) : null),
  tiles: async (dashboard, _args, ctx) =>
    dashboard.dashboard_elements ?? (dashboard.id ? ((await ctx.loaders.dashboardElements.load(dashboard.id)) ?? []) : []),
  filters: async (dashboard, _args, ctx) =>
    dashboard.dashboard_filters ?? (dashboard.id ? ((await ctx.loaders.dashboardDetail.load(dashboard.id))?.dashboard_filters ?? []) : []),
  createdAt: (dashboard) => isoDate(dashboard.created_at),
  updatedAt: (dashboard) => isoDate(dashboard.updated_at),
};
