import type { QueryTaskResolvers } from '../src/generated/resolvers-types';

/** An async query as its owner sees it; the view is built by `src/query-tasks`. */
export const QueryTask: QueryTaskResolvers = {
  id: (task) => task.id,
  status: (task) => task.status,
  result: (task) => task.result,
  error: (task) => task.error,
};
