import { z } from 'zod';
import type { ResultFormat } from '../../engine/types';
import type { ApiRoutes, RouteContext } from '../api-router';
import { sendJson } from '../api-router';
import { ApiError, notFound, validationFailed } from '../errors';
import { toLookerQueryTask, type QueryTask } from '../query-task-store';
import { parseResultFormat, resultValue, runOptionsOf, sendResult } from '../results';
import { requireQuery } from './query-routes';

/** Looker's `CreateQueryTask` body (the parts the emulator reads). */
const createTaskSchema = z.object({
  query_id: z.union([z.string().min(1), z.number()]),
  result_format: z.string().min(1),
  source: z.string().nullish(),
  deferred: z.boolean().nullish(),
  look_id: z.union([z.string(), z.number()]).nullish(),
  dashboard_id: z.union([z.string(), z.number()]).nullish(),
});

/** A task of the caller, started if it was deferred (polling starts deferred tasks), or undefined. */
function ownTask(ctx: RouteContext, id: string): QueryTask | undefined {
  const task = ctx.services.tasks.get(id);
  if (!task || task.userId !== ctx.caller.user.id) return undefined;
  ctx.services.tasks.start(task);
  return task;
}

/** Validates the body's `result_format` (422 here: it is a body field, not a path segment). */
function taskFormat(text: string): ResultFormat {
  try {
    return parseResultFormat(text);
  } catch {
    throw validationFailed([
      { field: 'result_format', code: 'invalid', message: `Unsupported result format: ${text}` },
    ]);
  }
}

/**
 * One task's entry of `query_task_multi_results`, as recorded answers show them (spectacles
 * cassettes): `added`/`running`/`killed` bare, `complete` and `error` with `result_source` and the
 * body in the task's format (an error body: `looker_error` rows, or json_detail `errors`; for
 * text formats Looker's `{ id, error, runtime, sql }`), `expired` with Looker's message.
 */
function taskEntry(task: QueryTask): Record<string, unknown> {
  switch (task.status) {
    case 'complete':
      return task.result
        ? { status: 'complete', result_source: 'query', data: resultValue(task.format, task.result) }
        : { status: 'expired', data: expiredData };
    case 'error':
      return {
        status: 'error',
        result_source: 'query',
        data: task.result
          ? resultValue(task.format, task.result)
          : {
              id: task.id,
              error: task.errorMessage ?? 'The query failed to run.',
              runtime: task.runtimeSeconds ?? 0,
              sql: '',
            },
      };
    case 'expired':
      return { status: 'expired', data: expiredData };
    default:
      return { status: task.status };
  }
}

/** What Looker says of an expired task (recorded in spectacles' cassettes). */
const expiredData = { error: 'Results have expired. Run the query again.' };

/** A running task in Looker's `RunningQueries` shape. */
function toRunningQuery(task: QueryTask): Record<string, unknown> {
  return {
    can: { kill: true },
    id: task.id,
    user: { id: task.userId },
    query_id: task.query.id,
    source: task.source,
    created_at: task.createdAt.toISOString(),
    query_task_id: task.id,
    status: task.status,
    runtime: (Date.now() - task.createdAt.getTime()) / 1000,
  };
}

/**
 * `POST /query_tasks`, `GET /query_tasks/multi_results`, `/query_tasks/:id`, `/query_tasks/:id/results`;
 * `GET /running_queries` and `DELETE /running_queries/:query_task_id` (kill).
 */
export function registerQueryTaskRoutes(api: ApiRoutes): void {
  api.post('/query_tasks', (ctx) => {
    const parsed = createTaskSchema.safeParse(ctx.req.body ?? {});
    if (!parsed.success) {
      throw validationFailed(
        parsed.error.issues.map((i) => ({
          field: i.path.map(String).join('.') || 'body',
          code: i.input === undefined ? 'missing' : 'invalid',
          message: i.input === undefined ? 'This field is required.' : i.message,
        })),
      );
    }
    const body = parsed.data;
    const format = taskFormat(body.result_format);
    const query = requireQuery(ctx, String(body.query_id));
    const { limit, ...options } = runOptionsOf(ctx.params);
    const task = ctx.services.tasks.create({
      query,
      format,
      userId: ctx.caller.user.id,
      ...(limit !== undefined ? { limit } : {}),
      options,
      deferred: body.deferred === true,
      lookId: body.look_id === null || body.look_id === undefined ? null : String(body.look_id),
      dashboardId: body.dashboard_id === null || body.dashboard_id === undefined ? null : String(body.dashboard_id),
      source: body.source ?? null,
      // The query time set when the task is created is how long it stays running.
      queryTimeMs: ctx.services.controls.queryTimeFor(ctx.routeKey),
    });
    sendJson(ctx, toLookerQueryTask(task));
  });

  api.get('/query_tasks/multi_results', (ctx) => {
    const ids = ctx.params.list('query_task_ids');
    if (!ids || ids.length === 0)
      throw validationFailed([{ field: 'query_task_ids', code: 'missing', message: 'This field is required.' }]);
    const answer: Record<string, unknown> = {};
    for (const id of ids) {
      const task = ownTask(ctx, id);
      answer[id] = task ? taskEntry(task) : { status: 'missing' };
    }
    sendJson(ctx, answer);
  });

  api.get('/query_tasks/:query_task_id', (ctx) => {
    const task = ownTask(ctx, String(ctx.req.params.query_task_id));
    if (!task) throw notFound();
    sendJson(ctx, toLookerQueryTask(task));
  });

  api.get('/query_tasks/:query_task_id/results', (ctx) => {
    const task = ownTask(ctx, String(ctx.req.params.query_task_id));
    // An expired task's results are gone (the spec: 404); a killed task has none either (a guess: see the README).
    if (!task || task.status === 'killed' || task.status === 'expired') throw notFound();
    if (task.status === 'error') {
      // The spec: json_detail answers 200 with the database error in `errors`; other formats 400.
      if (task.format === 'json_detail' && task.result) {
        sendResult(ctx.res, task.format, task.result);
        return;
      }
      throw new ApiError(400, task.errorMessage ?? 'The query failed to run.');
    }
    if (task.status !== 'complete' || !task.result) {
      // Looker answers 202 Accepted while the task is queued or running.
      sendJson(ctx, toLookerQueryTask(task), 202);
      return;
    }
    sendResult(ctx.res, task.format, task.result);
  });

  // Seeing every running query is an admin matter; others are answered 404 (a guess).
  api.get('/running_queries', (ctx) => {
    if (!ctx.caller.policy.isAdmin) throw notFound();
    sendJson(ctx, ctx.services.tasks.running().map(toRunningQuery));
  });

  // The creator or an admin may kill a task that has not finished; a finished one answers 404.
  api.delete('/running_queries/:query_task_id', (ctx) => {
    const task = ctx.services.tasks.get(String(ctx.req.params.query_task_id));
    if (!task || (task.userId !== ctx.caller.user.id && !ctx.caller.policy.isAdmin)) throw notFound();
    if (!ctx.services.tasks.kill(task)) throw notFound();
    ctx.res.status(204).end();
  });
}
