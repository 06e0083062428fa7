import { standaloneTile } from '../src/dashboards/dashboard-elements';
import type { DashboardTilePayloadResolvers } from '../src/generated/resolvers-types';

/** A tile write's answer: the tile with its dashboard's filter defaults, and its dashboard read anew (the write evicted it from the caches). */
export const DashboardTilePayload: DashboardTilePayloadResolvers = {
  tile: (outcome, _args, ctx) => (outcome.value?.element ? standaloneTile(outcome.value.element, ctx) : null),
  dashboard: (outcome, _args, ctx) =>
    outcome.value?.dashboardId ? ctx.loaders.dashboard.load(outcome.value.dashboardId) : null,
  change: (outcome) => outcome.change,
};
