import { LookerError } from './errors';
import { parseJsonDetail, queryErrorIn, type QueryResultData } from './query-result';

/**
 * Where a Looker query task stands, as the subgraph reads `query_task_multi_results`:
 * - `running`: Looker's `added` or `running`;
 * - `complete`, with its rows;
 * - `failed`: Looker's `error`, or `expired` (the results are gone);
 * - `cancelled`: Looker's `killed`;
 * - `missing`: Looker does not know the task, or it belongs to another Looker user.
 */
export type QueryTaskState =
  | { readonly status: 'running' }
  | { readonly status: 'complete'; readonly result: QueryResultData }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'missing' };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The message of a failed task's `data`, bounded and without SQL (see `queryErrorIn`). Looker gives
 * it in one of the shapes spectacles-ci/spectacles parses in its `models.py`:
 * - `{ error }` (text formats);
 * - json_detail's `{ errors: [{ message, message_details }] }`;
 * - rows of `{ looker_error }` (json, json_bi).
 */
function failureMessage(data: unknown): string | undefined {
  if (isObject(data) && typeof data.error === 'string') return queryErrorIn([{ looker_error: data.error }]);
  return queryErrorIn(typeof data === 'string' ? [{ looker_error: data }] : data);
}

/**
 * Reads one entry of `query_task_multi_results` (`{ status, data }`). Statuses Looker may add
 * later read as `running`: the caller's deadline bounds the wait, whereas calling them failures
 * could fail queries that would have completed.
 */
export function parseTaskState(entry: unknown): QueryTaskState {
  const status = isObject(entry) && typeof entry.status === 'string' ? entry.status : undefined;
  const data = isObject(entry) ? entry.data : undefined;
  switch (status) {
    case 'complete':
      try {
        return { status: 'complete', result: parseJsonDetail(data, 'query_task') };
      } catch (error) {
        // A "complete" task whose rows report a database error failed all the same.
        if (error instanceof LookerError && error.code === 'LOOKER_QUERY_FAILED')
          return { status: 'failed', error: error.message };
        throw error;
      }
    case 'error': {
      const message = failureMessage(data);
      return {
        status: 'failed',
        error: message ? `Looker could not run the query: ${message}` : 'Looker could not run the query',
      };
    }
    case 'expired':
      return {
        status: 'failed',
        error: 'Looker no longer holds the results of this query task; start the query again',
      };
    case 'killed':
      return { status: 'cancelled' };
    case 'missing':
    case undefined:
      return { status: 'missing' };
    default:
      return { status: 'running' };
  }
}
