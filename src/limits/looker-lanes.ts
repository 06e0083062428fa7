/**
 * Looker calls fall into two lanes with separate concurrency pools: query runs, which may take
 * seconds to minutes, and metadata reads, which should take milliseconds. Queries that hang can
 * then never starve the metadata that every page needs.
 */
export type LookerLane = 'query' | 'metadata';

const queryOperations = new Set([
  'run_query',
  'run_inline_query',
  'run_look',
  'create_query_task',
  'query_task_multi_results',
  'query_task_results',
]);

/** The lane of a Looker operation, by its SDK method name. */
export function laneOf(operation: string): LookerLane {
  return queryOperations.has(operation) ? 'query' : 'metadata';
}
