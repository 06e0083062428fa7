import type { MutationResolvers } from '../src/generated/resolvers-types';
import { unknownExploreAsBadInput, writeQuery } from '../src/input/query-input';
import { cancelQueryTask, startQueryTask } from '../src/query-tasks';

/** Root mutations: async queries, started and cancelled by their owner. */
export const Mutation: MutationResolvers = {
  startQuery: (_parent, { input }, ctx) =>
    startQueryTask(ctx, writeQuery(input)).catch(unknownExploreAsBadInput(input)),

  cancelQueryTask: (_parent, { id }, ctx) => cancelQueryTask(ctx, id),
};
