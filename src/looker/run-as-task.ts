import { LRUCache } from 'lru-cache';
import type { ReleaseTaskSlot } from '../limits/subject-task-slots';
import { LookerError } from './errors';
import type { LookerClient } from './looker-client';
import type { QueryResultData } from './query-result';
import type { QueryTaskState } from './query-task-state';
import { defaultPollBackoff, TaskPoller, type PollBackoff } from './task-poller';

/** How a result is run when its query may outlast the synchronous wait. */
export interface SlowQueryOptions {
  /** How long a synchronous run may take before the query runs as a task instead (`LOOKER_SYNC_WAIT`). */
  readonly syncWaitMs: number;
  /** The most the whole run may take, synchronous wait and task included (`LOOKER_QUERY_DEADLINE`). */
  readonly deadlineMs: number;
  /** Aborts the wait (the request went away), besides the client's own `requestEnd`; the task is then killed in Looker. */
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
 * requests of one process. A query that once outlasted the synchronous wait runs as a task at once
 * next time, rather than costing the wait and an abandoned run again.
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

/**
 * Stops waiting at the deadline or when the request goes away, whichever comes first. `dispose`
 * lets go of both once the task ended: a plain timer, because Node holds a timeout signal that has
 * a listener (and all its listener reaches) until it fires, up to `LOOKER_QUERY_DEADLINE` after
 * the task ended.
 */
function deadlineSignal(
  remainingMs: number,
  deadlineMs: number,
  signal: AbortSignal | undefined,
): { readonly signal: AbortSignal; readonly dispose: () => void } {
  const deadline = new AbortController();
  const timer = setTimeout(
    () =>
      deadline.abort(
        new LookerError(
          'LOOKER_UNAVAILABLE',
          `Looker did not finish the query within ${Math.round(deadlineMs / 1000)} s`,
          'query_task',
        ),
      ),
    Math.max(0, remainingMs),
  );
  // As a timeout signal's: the deadline alone never keeps the process running.
  timer.unref();
  const onGone = () =>
    deadline.abort(
      new LookerError('LOOKER_UNAVAILABLE', 'The request ended before Looker finished the query', 'query_task'),
    );
  signal?.addEventListener('abort', onGone, { once: true });
  if (signal?.aborted) onGone();
  return {
    signal: deadline.signal,
    dispose: () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onGone);
    },
  };
}

/** The request's end: the caller's signal, the client's (its HTTP client went away), or either. */
function requestEndOf(looker: LookerClient, signal: AbortSignal | undefined): AbortSignal | undefined {
  const ended = looker.requestEnd;
  return signal && ended ? AbortSignal.any([signal, ended]) : (signal ?? ended);
}

/**
 * Runs a saved query for a result: synchronously first, and if Looker has not answered within
 * `syncWaitMs`, the synchronous call is aborted and the same query runs as a Looker query task
 * (`create_query_task`), polled with backoff (`query_task_multi_results`, the request's tasks
 * together) until it completes or `deadlineMs` after the start; at the deadline, or when the
 * request ends (`signal`, or the client's own), the task is killed (`kill_query`) and the call
 * fails with LOOKER_UNAVAILABLE. So no HTTP call to Looker is held longer than the synchronous
 * wait, and a query may take longer than `LOOKERSDK_TIMEOUT`, while the caller has task slots. A
 * query found slow is remembered in `slowQueries` and goes straight to a task.
 *
 * A task holds one of the caller's task slots (`LookerClient.takeTaskSlot`, the same as its
 * `startQuery` tasks) from before it is created until it ended (finished, failed or killed). With
 * no slot left, no task starts: the synchronous run already under way goes on, as it would without
 * query tasks, until Looker answers or `LOOKERSDK_TIMEOUT` (a timeout's LOOKER_UNAVAILABLE). So
 * the caller's cap holds, and the result is served whenever Looker answers within the timeout.
 *
 * Errors are those of `runQuery` (FORBIDDEN for a query the user may not run, …), plus
 * LOOKER_QUERY_FAILED when Looker reports the task's query failed in the database.
 */
export async function runAsTaskWhenSlow(
  looker: LookerClient,
  query: { readonly queryId: string; readonly limit?: number },
  options: SlowQueryOptions,
): Promise<QueryResultData> {
  const started = Date.now();
  const ended = requestEndOf(looker, options.signal);
  const memoryKey = options.slowQueries ? `${await looker.identity()}\n${query.queryId}\n${query.limit ?? ''}` : '';
  if (options.slowQueries?.has(memoryKey)) {
    const release = await looker.takeTaskSlot();
    // No slot left: a synchronous run, as without query tasks.
    if (!release) return looker.runQueryWithin(query.queryId, query.limit, options.deadlineMs, ended);
    return runTask(looker, query, release, { ...options, started, ended });
  }
  // Up to LOOKERSDK_TIMEOUT (and the deadline), unless a task takes over after the synchronous wait.
  const sync = new AbortController();
  const run = looker.runQueryWithin(
    query.queryId,
    query.limit,
    options.deadlineMs,
    ended ? AbortSignal.any([sync.signal, ended]) : sync.signal,
  );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'waited'>((resolve) => {
    timer = setTimeout(() => resolve('waited'), Math.min(options.syncWaitMs, options.deadlineMs));
  });
  try {
    const first = await Promise.race([run.then((value) => ({ value })), waited]);
    if (first !== 'waited') return first.value;
  } catch (error) {
    // Looker gave no answer at all (unreachable, or a timeout shorter than the wait): worth trying a task.
    if (!gaveNoAnswer(error) || ended?.aborted) throw error;
    options.slowQueries?.set(memoryKey, true);
    const release = await looker.takeTaskSlot();
    if (!release) throw error;
    return runTask(looker, query, release, { ...options, started, ended });
  } finally {
    clearTimeout(timer);
  }
  options.slowQueries?.set(memoryKey, true);
  // The request ended meanwhile: the run under way fails as abandoned, and no slot is needed.
  if (ended?.aborted) return run;
  const release = await looker.takeTaskSlot();
  // No slot left: no new task; the run under way goes on as a synchronous run would.
  if (!release) return run;
  sync.abort();
  run.catch(() => undefined);
  return runTask(looker, query, release, { ...options, started, ended });
}

/** Creates the task and waits for its end, holding `release`'s slot until then; kills it when the wait fails. */
async function pollTask(
  looker: LookerClient,
  query: { readonly queryId: string; readonly limit?: number },
  release: ReleaseTaskSlot,
  signal: AbortSignal,
  backoff: PollBackoff,
): Promise<Exclude<QueryTaskState, { status: 'running' }>> {
  let taskId: string;
  try {
    if (signal.aborted) throw signal.reason as Error;
    taskId = await looker.createQueryTask(query.queryId, query.limit);
  } catch (error) {
    release();
    throw error;
  }
  try {
    return await pollerOf(looker, backoff).wait(taskId, signal);
  } catch (error) {
    // Nobody will read this task's result: stop it using Looker's database (sent even after the request ended).
    await looker.killQueryTask(taskId).catch(() => false);
    throw error;
  } finally {
    release();
  }
}

/** Runs the query as a task holding `release`'s slot, given back once the task ended in Looker. */
async function runTask(
  looker: LookerClient,
  query: { readonly queryId: string; readonly limit?: number },
  release: ReleaseTaskSlot,
  options: SlowQueryOptions & { readonly started: number; readonly ended: AbortSignal | undefined },
): Promise<QueryResultData> {
  const deadline = deadlineSignal(
    options.deadlineMs - (Date.now() - options.started),
    options.deadlineMs,
    options.ended,
  );
  let state;
  try {
    state = await pollTask(looker, query, release, deadline.signal, options.backoff ?? defaultPollBackoff);
  } finally {
    deadline.dispose();
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
