import { LRUCache } from 'lru-cache';
import { LookerError } from './errors';
import type { LookerClient } from './looker-client';
import type { QueryResultData } from './query-result';
import { defaultPollBackoff, TaskPoller, type PollBackoff } from './task-poller';

/** How a result is run when its query may outlast the synchronous wait. */
export interface SlowQueryOptions {
  /** How long a synchronous run may take before the query runs as a task instead (`LOOKER_SYNC_WAIT`). */
  readonly syncWaitMs: number;
  /** The most the whole run may take, synchronous wait and task included (`LOOKER_QUERY_DEADLINE`). */
  readonly deadlineMs: number;
  /** Aborts the wait (the request went away); the task is then killed in Looker. */
  readonly signal?: AbortSignal;
  /** Queries known to be slow go straight to a task (see `createSlowQueryMemory`). */
  readonly slowQueries?: SlowQueryMemory;
  /** Poll intervals; the default suits real Looker. */
  readonly backoff?: PollBackoff;
}

/** Remembers, per Looker identity and query, that a query outlasted the synchronous wait. */
export type SlowQueryMemory = LRUCache<string, true>;

/**
 * A bounded, expiring memory of slow queries (default: 10,000 queries for an hour), shared by the
 * requests of one process, so a query that once outlasted the synchronous wait is run as a task at
 * once next time rather than costing the wait and an abandoned run again.
 */
export function createSlowQueryMemory(options: { max?: number; ttlMs?: number } = {}): SlowQueryMemory {
  return new LRUCache<string, true>({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 60 * 60 * 1000 });
}

/** One poller per request's client: its tasks are polled together. */
const pollers = new WeakMap<LookerClient, TaskPoller>();

function pollerOf(looker: LookerClient, backoff: PollBackoff): TaskPoller {
  let poller = pollers.get(looker);
  if (!poller) {
    poller = new TaskPoller((ids) => looker.queryTaskResults(ids), backoff);
    pollers.set(looker, poller);
  }
  return poller;
}

/** No answer at all within the wait (our own deadline, or Looker unreachable): worth trying a task. */
function gaveNoAnswer(error: unknown): boolean {
  return error instanceof LookerError && error.code === 'LOOKER_UNAVAILABLE' && error.status === undefined;
}

/** Stops waiting at the deadline or when the request goes away, whichever comes first. */
function deadlineSignal(remainingMs: number, deadlineMs: number, signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(Math.max(0, remainingMs));
  const late = new LookerError('LOOKER_UNAVAILABLE', `Looker did not finish the query within ${Math.round(deadlineMs / 1000)} s`, 'query_task');
  const deadline = new AbortController();
  timeout.addEventListener('abort', () => deadline.abort(late), { once: true });
  signal?.addEventListener('abort', () => deadline.abort(new LookerError('LOOKER_UNAVAILABLE', 'The request ended before Looker finished the query', 'query_task')), { once: true });
  if (signal?.aborted) deadline.abort(signal.reason);
  return deadline.signal;
}

/**
 * Runs a saved query for a result: synchronously first, and if Looker has not answered within
 * `syncWaitMs`, the synchronous call is aborted and the same query runs as a Looker query task
 * (`create_query_task`), polled with backoff (`query_task_multi_results`, the request's tasks
 * together) until it completes or `deadlineMs` after the start; at the deadline, or when `signal`
 * aborts, the task is killed (`kill_query`) and the call fails with LOOKER_UNAVAILABLE. So no HTTP
 * call to Looker is held longer than the synchronous wait, and a query may take longer than
 * `LOOKERSDK_TIMEOUT`. A query found slow is remembered in `slowQueries` and goes straight to a task.
 *
 * Errors are those of `runQuery` (FORBIDDEN for a query the user may not run, …), plus
 * LOOKER_QUERY_FAILED when Looker reports the task's query failed in the database.
 */
export async function runAsTaskWhenSlow(looker: LookerClient, query: { readonly queryId: string; readonly limit?: number }, options: SlowQueryOptions): Promise<QueryResultData> {
  const started = Date.now();
  const memoryKey = options.slowQueries ? `${await looker.identity()}\n${query.queryId}\n${query.limit ?? ''}` : '';
  if (!options.slowQueries?.has(memoryKey)) {
    try {
      return await looker.runQueryWithin(query.queryId, query.limit, Math.min(options.syncWaitMs, options.deadlineMs));
    } catch (error) {
      if (!gaveNoAnswer(error)) throw error;
      options.slowQueries?.set(memoryKey, true);
    }
  }
  const signal = deadlineSignal(options.deadlineMs - (Date.now() - started), options.deadlineMs, options.signal);
  if (signal.aborted) throw signal.reason as Error;
  const taskId = await looker.createQueryTask(query.queryId, query.limit);
  let state;
  try {
    state = await pollerOf(looker, options.backoff ?? defaultPollBackoff).wait(taskId, signal);
  } catch (error) {
    // Nobody will read this task's result: stop it using Looker's database.
    await looker.killQueryTask(taskId).catch(() => false);
    throw error;
  }
  switch (state.status) {
    case 'complete':
      return state.result;
    case 'failed':
      // The database refused the query (Looker's `error` status): as for a synchronous run's error rows.
      throw new LookerError('LOOKER_QUERY_FAILED', state.error, 'query_task');
    case 'cancelled':
      throw new LookerError('LOOKER_UNAVAILABLE', 'The query was cancelled in Looker', 'query_task');
    case 'missing':
      throw new LookerError('LOOKER_UNAVAILABLE', 'Looker lost track of the query task', 'query_task');
  }
}
