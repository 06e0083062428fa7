import type { ScheduleDestinationResolvers } from '../src/generated/resolvers-types';

/** One destination of a scheduled plan. */
export const ScheduleDestination: ScheduleDestinationResolvers = {
  type: (d) => d.type ?? '',
  address: (d) => d.address ?? '',
  format: (d) => d.format ?? '',
};
