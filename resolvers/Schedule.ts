import type { ScheduleResolvers } from '../src/generated/resolvers-types';

/** A Looker scheduled plan. */
export const Schedule: ScheduleResolvers = {
  id: (plan) => String(plan.id ?? ''),
  name: (plan) => plan.name ?? '',
  lookId: (plan) => plan.look_id ?? null,
  dashboardId: (plan) => plan.dashboard_id ?? null,
  enabled: (plan) => plan.enabled ?? false,
  destinations: (plan) => plan.scheduled_plan_destination ?? [],
};
