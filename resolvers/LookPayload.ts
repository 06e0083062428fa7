import type { LookPayloadResolvers } from '../src/generated/resolvers-types';

/** A look write's answer: the look as Looker answered the write. */
export const LookPayload: LookPayloadResolvers = {
  look: (outcome) => outcome.value,
  change: (outcome) => outcome.change,
};
