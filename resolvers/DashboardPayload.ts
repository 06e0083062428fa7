import type { DashboardPayloadResolvers } from '../src/generated/resolvers-types';

/** A dashboard write's answer: the dashboard as Looker answered the write. */
export const DashboardPayload: DashboardPayloadResolvers = {
  dashboard: (outcome) => outcome.value,
  change: (outcome) => outcome.change,
};
