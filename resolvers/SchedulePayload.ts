import type { SchedulePayloadResolvers } from '../src/generated/resolvers-types';

/** A schedule write's answer: the schedule as Looker answered the write. */
export const SchedulePayload: SchedulePayloadResolvers = {
  schedule: (outcome) => outcome.value,
  change: (outcome) => outcome.change,
};
