import type { QueryDefinitionResolvers } from '../src/generated/resolvers-types';

/** A Looker query definition; filters become a list of field/expression pairs. */
export const QueryDefinition: QueryDefinitionResolvers = {
  fields: (query) => query.fields ?? [],
  filters: (query) =>
    Object.entries(query.filters ?? {}).map(([field, expression]) => ({ field, expression: String(expression) })),
  sorts: (query) => query.sorts ?? [],
  pivots: (query) => query.pivots ?? [],
  limit: (query) => {
    const limit = Number(query.limit);
    return Number.isInteger(limit) && limit > 0 ? limit : null;
  },
};
