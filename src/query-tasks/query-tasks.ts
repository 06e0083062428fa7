import type { IWriteQuery } from '@looker/sdk';
import type { Principal } from '../auth/principal';
import type { LookerClient } from '../looker/looker-client';
import type { QueryResultData } from '../looker/query-result';
import type { QueryTaskState } from '../looker/query-task-state';
import type { RunningQueryTasks } from './running-query-tasks';
import type { RowScope } from '../row-filters';
import type { QueryTaskIds, TaskOwner } from './task-ids';

/** A query task's status as the schema names it. */
export type QueryTaskStatus = 'RUNNING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';

/** A query task as the subgraph serves it (`QueryTask`). */
export interface QueryTaskView {
  /** The opaque id handed to the task's owner. */
  readonly id: string;
  readonly status: QueryTaskStatus;
  readonly result: QueryResultData | null;
  readonly error: string | null;
}

/** What the task operations need of a request. */
export interface QueryTaskContext {
  readonly principal: Principal | null;
  readonly looker: LookerClient;
  readonly queryTaskIds: QueryTaskIds;
  /** The tasks this replica started: each caller's cap, deadlines, kills at stop. */
  readonly runningQueryTasks: RunningQueryTasks;
  /** The caller's row filters, forced into every query it starts. */
  readonly loaders: { readonly rows: RowScope };
}

async function ownerOf(ctx: QueryTaskContext): Promise<TaskOwner | undefined> {
  if (!ctx.principal) return undefined;
  return { subject: ctx.principal.subject, lookerIdentity: await ctx.looker.identity() };
}

function viewOf(id: string, state: QueryTaskState): QueryTaskView {
  switch (state.status) {
    case 'running':
      return { id, status: 'RUNNING', result: null, error: null };
    case 'complete':
      return { id, status: 'COMPLETE', result: state.result, error: null };
    case 'failed':
      return { id, status: 'FAILED', result: null, error: state.error };
    case 'cancelled':
      return { id, status: 'CANCELLED', result: null, error: null };
    case 'missing':
      // The id is genuine (it opened), so Looker dropped the task: its results expired.
      return {
        id,
        status: 'FAILED',
        result: null,
        error: 'Looker no longer holds this query task; start the query again',
      };
  }
}

/** The task's state in Looker, in one `query_task_multi_results` call; a final one frees its slot. */
async function stateOf(ctx: QueryTaskContext, lookerTaskId: string): Promise<QueryTaskState> {
  const states = await ctx.looker.queryTaskResults([lookerTaskId]);
  const state = states.get(lookerTaskId) ?? { status: 'missing' };
  if (state.status !== 'running') ctx.runningQueryTasks.settled(lookerTaskId);
  return state;
}

/**
 * Starts an ad-hoc query as a Looker query task (`create_query`, then `create_query_task`) and
 * answers at once with the task, `RUNNING`, under an id only its owner can use. LOOKER_RATE_LIMITED,
 * before any Looker call, when the caller already has as many tasks running as it may; the task
 * is killed at its deadline.
 */
export async function startQueryTask(ctx: QueryTaskContext, query: IWriteQuery): Promise<QueryTaskView> {
  const owner = await ownerOf(ctx);
  // The @auth check has already refused callers without a principal; this guards the type only.
  if (!owner) throw new TypeError('A query task needs an authenticated caller');
  const scoped = await ctx.loaders.rows.restrict(query);
  const lookerTaskId = await ctx.runningQueryTasks.start(owner, ctx.looker, async () =>
    ctx.looker.createQueryTask(await ctx.looker.createQuery(scoped), undefined),
  );
  return { id: ctx.queryTaskIds.issue(lookerTaskId, owner), status: 'RUNNING', result: null, error: null };
}

/** The caller's own task, as it stands now; null for an id that is not theirs, altered or expired. */
export async function readQueryTask(ctx: QueryTaskContext, id: string): Promise<QueryTaskView | null> {
  const owner = await ownerOf(ctx);
  const lookerTaskId = owner && ctx.queryTaskIds.open(id, owner);
  if (!lookerTaskId) return null;
  return viewOf(id, await stateOf(ctx, lookerTaskId));
}

/**
 * Kills the caller's own task in Looker (`kill_query`) and answers with it: `CANCELLED` when Looker
 * accepted the kill, else the state it had already reached (a task that completed stays
 * `COMPLETE`). Null for an id that is not theirs.
 */
export async function cancelQueryTask(ctx: QueryTaskContext, id: string): Promise<QueryTaskView | null> {
  const owner = await ownerOf(ctx);
  const lookerTaskId = owner && ctx.queryTaskIds.open(id, owner);
  if (!lookerTaskId) return null;
  const killed = await ctx.looker.killQueryTask(lookerTaskId);
  if (killed) {
    ctx.runningQueryTasks.settled(lookerTaskId);
    return { id, status: 'CANCELLED', result: null, error: null };
  }
  return viewOf(id, await stateOf(ctx, lookerTaskId));
}
