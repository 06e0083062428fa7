import type { DashboardFilterPayloadResolvers } from '../src/generated/resolvers-types';

/** A dashboard filter write's answer: the filter, and its dashboard read anew. */
export const DashboardFilterPayload: DashboardFilterPayloadResolvers = {
  filter: (outcome) => outcome.value?.filter ?? null,
  dashboard: (outcome, _args, ctx) =>
    outcome.value?.dashboardId ? ctx.loaders.dashboard.load(outcome.value.dashboardId) : null,
  change: (outcome) => outcome.change,
};
