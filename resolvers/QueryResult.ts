import type { QueryResultResolvers } from '../src/generated/resolvers-types';

/** A query's data. */
export const QueryResult: QueryResultResolvers = {
  rowCount: (result) => result.rows.length,
  truncated: (result) => result.truncated === true,
};
