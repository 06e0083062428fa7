/** Rows limited by who asks: the policy's `rowFilters:` forced into every query, suggestion and export. */
export { matchesExplore } from './explore-pattern';
export { filterExpressionOf, plainFilterValues, quoteFilterValue } from './filter-values';
export { RowScope, type ExploreFieldNames, type ForcedRowFilter } from './row-scope';
