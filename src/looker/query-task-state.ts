import { parseJsonBi, type QueryResultData } from './query-result';

/**
 * Where a Looker query task stands, as the subgraph reads `query_task_multi_results`:
 * `running` (Looker's `added` or `running`), `complete` with its rows, `failed` (Looker's `error`,
 * or `expired`: the results are gone), `cancelled` (Looker's `killed`), or `missing` (Looker does
 * not know the task, or it belongs to another Looker user).
 */
export type QueryTaskState =
  | { readonly status: 'running' }
  | { readonly status: 'complete'; readonly result: QueryResultData }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'missing' };

/** Longest message of Looker's kept for a failed task: enough to say what went wrong. */
const maxMessageLength = 300;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The message of a failed task's `data`, in whichever shape Looker gave it: `{ error }`,
 * `{ errors: [{ message, message_details }] }` (json_detail), or json_bi rows of
 * `{ looker_error }` (the shapes spectacles-ci/spectacles parses in its `models.py`).
 */
function failureMessage(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (!isObject(data)) return undefined;
  if (typeof data.error === 'string') return data.error;
  const messages: string[] = [];
  if (Array.isArray(data.errors)) {
    for (const e of data.errors) {
      if (!isObject(e)) continue;
      const text = [e.message, e.message_details].filter((x): x is string => typeof x === 'string' && x.length > 0).join(' ');
      if (text) messages.push(text);
    }
  }
  if (Array.isArray(data.rows)) {
    for (const row of data.rows) if (isObject(row) && typeof row.looker_error === 'string') messages.push(row.looker_error);
  }
  return messages.length > 0 ? messages.join('; ') : undefined;
}

function bounded(message: string): string {
  return message.length > maxMessageLength ? `${message.slice(0, maxMessageLength - 1)}…` : message;
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
      return { status: 'complete', result: parseJsonBi(data) };
    case 'error': {
      const message = failureMessage(data);
      return { status: 'failed', error: message ? `Looker could not run the query: ${bounded(message)}` : 'Looker could not run the query' };
    }
    case 'expired':
      return { status: 'failed', error: 'Looker no longer holds the results of this query task; start the query again' };
    case 'killed':
      return { status: 'cancelled' };
    case 'missing':
    case undefined:
      return { status: 'missing' };
    default:
      return { status: 'running' };
  }
}
