import { randomBytes } from 'node:crypto';
import type { IQueryTask } from '@looker/sdk';
import type { StoredQuery } from '../content/query-store';
import {
  QueryRunError,
  QueryValidationError,
  type BinaryRenderedResult,
  type Engine,
  type RenderedResult,
  type RenderOptions,
  type ResultFormat,
} from '../engine/types';

/**
 * Lifecycle of an async query task, with Looker's status names (`killed` by `DELETE
 * /running_queries/{id}`; `expired` once a finished task's results are no longer kept).
 */
export type TaskStatus = 'added' | 'running' | 'complete' | 'error' | 'killed' | 'expired';

/** How long a finished task's results are kept before it reads as `expired` (a guess: see the README). */
export const DEFAULT_RESULT_TTL_MS = 60 * 60 * 1000;

/** An async query task (`POST /query_tasks`). */
export interface QueryTask {
  id: string;
  query: StoredQuery;
  format: ResultFormat;
  /** Only the user who created a task may read it. */
  userId: string;
  status: TaskStatus;
  limit: number | undefined;
  /** The run parameters it was created with (`generate_drill_links`, `server_table_calcs`). */
  options: RenderOptions;
  lookId: string | null;
  dashboardId: string | null;
  source: string | null;
  result: RenderedResult | BinaryRenderedResult | null;
  errorMessage: string | null;
  runtimeSeconds: number | null;
  createdAt: Date;
  /** When the task finished (complete or error); its results expire a TTL later. */
  finishedAt: number | null;
  /** How long the query runs before the engine answers (`/__emulator/query-time` when it was created). */
  queryTimeMs: number;
  /** Settles when the task has finished (successfully, not, or killed); undefined until it starts. */
  finished: Promise<void> | undefined;
  /** Stops a task still running out its query time; set while it does. */
  stop: (() => void) | undefined;
}

/** What creating a task needs. */
export interface NewQueryTask {
  query: StoredQuery;
  format: ResultFormat;
  userId: string;
  limit?: number;
  /** Run parameters besides the limit. */
  options?: RenderOptions;
  deferred?: boolean;
  lookId?: string | null;
  dashboardId?: string | null;
  source?: string | null;
  /** How long the query runs before the engine answers; default 0. */
  queryTimeMs?: number;
}

/**
 * Looker's async query tasks. A task starts on the next tick after creation; a `deferred` task
 * waits until it is first polled, which gives clients (and tests) a task that is observably not
 * complete yet.
 */
export class QueryTaskStore {
  private readonly tasks = new Map<string, QueryTask>();

  constructor(
    private readonly engine: Engine,
    /** How long finished results are kept; then the task reads as `expired`. */
    private readonly resultTtlMs: number = DEFAULT_RESULT_TTL_MS,
  ) {}

  /** Creates a task; it runs in the background. */
  create(spec: NewQueryTask): QueryTask {
    const task: QueryTask = {
      id: randomBytes(16).toString('hex'),
      query: spec.query,
      format: spec.format,
      userId: spec.userId,
      status: 'added',
      limit: spec.limit,
      options: spec.options ?? {},
      lookId: spec.lookId ?? null,
      dashboardId: spec.dashboardId ?? null,
      source: spec.source ?? null,
      result: null,
      errorMessage: null,
      runtimeSeconds: null,
      createdAt: new Date(),
      finishedAt: null,
      queryTimeMs: spec.queryTimeMs ?? 0,
      finished: undefined,
      stop: undefined,
    };
    this.tasks.set(task.id, task);
    if (!spec.deferred) setImmediate(() => this.start(task));
    return task;
  }

  /** A task by id, or undefined; a finished task past the results TTL reads as `expired`, its results dropped. */
  get(id: string): QueryTask | undefined {
    const task = this.tasks.get(id);
    if (
      task &&
      task.finishedAt !== null &&
      (task.status === 'complete' || task.status === 'error') &&
      Date.now() - task.finishedAt >= this.resultTtlMs
    ) {
      task.status = 'expired';
      task.result = null;
    }
    return task;
  }

  /** Starts a task that has not started yet (a deferred one on its first poll); a killed task never starts. */
  start(task: QueryTask): void {
    if (task.finished || task.status === 'killed') return;
    task.status = 'running';
    const started = performance.now();
    task.finished = new Promise<void>((settle) => {
      const run = () => {
        task.stop = undefined;
        void this.engine
          .render(task.query.request, task.format, {
            ...task.options,
            ...(task.limit !== undefined ? { limit: task.limit } : {}),
          })
          .then(
            (result) => {
              // A task killed while the engine ran keeps its status; its result is dropped.
              if (task.status !== 'running') return;
              task.result = result;
              task.finishedAt = Date.now();
              // A body reporting a database error (json, json_bi, json_detail) ends the task in `error`, as Looker's do.
              if (result.queryError !== undefined) {
                task.errorMessage = result.queryError;
                task.status = 'error';
                return;
              }
              task.status = 'complete';
            },
            (error: unknown) => {
              if (task.status !== 'running') return;
              task.errorMessage =
                error instanceof QueryValidationError
                  ? error.errors.map((e) => e.message).join('; ')
                  : error instanceof QueryRunError
                    ? `${error.message} ${error.detail}`
                    : 'The query failed to run.';
              task.finishedAt = Date.now();
              task.status = 'error';
            },
          )
          .finally(() => {
            task.runtimeSeconds = (performance.now() - started) / 1000;
            settle();
          });
      };
      if (task.queryTimeMs <= 0) {
        run();
        return;
      }
      // The query "runs" for its query time before the engine answers; a kill ends the wait.
      const timer = setTimeout(run, task.queryTimeMs);
      task.stop = () => {
        clearTimeout(timer);
        task.stop = undefined;
        task.runtimeSeconds = (performance.now() - started) / 1000;
        settle();
      };
    });
  }

  /**
   * Kills a task that has not finished (`DELETE /running_queries/{id}`): its status becomes
   * `killed` and it never completes. Returns false for a task that already finished.
   */
  kill(task: QueryTask): boolean {
    if (task.status !== 'added' && task.status !== 'running') return false;
    task.status = 'killed';
    task.stop?.();
    return true;
  }

  /** Tasks started and not yet finished, oldest first (`GET /running_queries`). */
  running(): QueryTask[] {
    return [...this.tasks.values()].filter((t) => t.status === 'running');
  }

  /** Stops tasks still running out their query time and waits for the rest (used when stopping the emulator). */
  async drain(): Promise<void> {
    for (const task of this.tasks.values()) task.stop?.();
    await Promise.all([...this.tasks.values()].map((t) => t.finished));
  }
}

/** A task in Looker's `QueryTask` shape. */
export function toLookerQueryTask(task: QueryTask): IQueryTask {
  return {
    can: { show: true, cancel: task.status === 'added' || task.status === 'running' },
    id: task.id,
    query_id: task.query.id,
    generate_links: false,
    force_production: true,
    path_prefix: null,
    cache: true,
    server_table_calcs: false,
    cache_only: false,
    cache_key: task.query.slug,
    status: task.status,
    source: task.source,
    runtime: task.runtimeSeconds,
    rebuild_pdts: false,
    // Recorded answers say `query` for finished tasks, errors included (spectacles cassettes).
    result_source: task.status === 'complete' || task.status === 'error' ? 'query' : null,
    look_id: task.lookId,
    dashboard_id: task.dashboardId,
    result_format: task.format,
  };
}
