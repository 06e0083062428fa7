import type { IDashboardFilter } from '@looker/sdk';

/**
 * A dashboard filter as the subgraph serves it: Looker's filter plus the dashboard's other filters.
 * Their values narrow this one's suggestions when it listens to them (`listens_to_filters`).
 */
export interface DashboardFilterModel extends IDashboardFilter {
  /** Every filter of the filter's dashboard, this one included; absent when the filter was reached alone. */
  readonly dashboardFilters?: readonly IDashboardFilter[];
}
