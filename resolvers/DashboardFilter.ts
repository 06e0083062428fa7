import type { DashboardFilterResolvers } from '../src/generated/resolvers-types';

/** A dashboard filter, renamed from Looker's snake_case. */
export const DashboardFilter: DashboardFilterResolvers = {
  id: (filter) => String(filter.id),
  name: (filter) => filter.name ?? '',
  type: (filter) => filter.type ?? 'field_filter',
  defaultValue: (filter) => filter.default_value ?? null,
  allowMultipleValues: (filter) => filter.allow_multiple_values ?? null,
};
