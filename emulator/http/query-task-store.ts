import { randomBytes } from 'node:crypto';
import type { IQueryTask } from '@looker/sdk';
import type { StoredQuery } from '../content/query-store';
import { QueryValidationError, type Engine, type RenderedResult, type ResultFormat } from '../engine/types';

/** Lifecycle of an async query task, with Looker's status names. */
export type TaskStatus = 'added' | 'running' | 'complete' | 'error';

/** An async query task (`POST /query_tasks`). */
export interface QueryTask {
  id: string;
  query: StoredQuery;
  format: ResultFormat;
  /** Only the user who created a task may read it. */
  userId: string;
  status: TaskStatus;
  limit: number | undefined;
  lookId: string | null;
  dashboardId: string | null;
  source: string | null;
  result: RenderedResult | null;
  errorMessage: string | null;
  runtimeSeconds: number | null;
  /** Settles when the task has finished (successfully or not); undefined until it starts. */
  finished: Promise<void> | undefined;
}

/** What creating a task needs. */
export interface NewQueryTask {
  query: StoredQuery;
  format: ResultFormat;
  userId: string;
  limit?: number;
  deferred?: boolean;
  lookId?: string | null;
  dashboardId?: string | null;
  source?: string | null;
}

/**
 * Looker's async query tasks. A task starts on the next tick after creation; a `deferred` task
 * waits until it is first polled, which gives clients (and tests) a task that is observably not
 * complete yet.
 */
export class QueryTaskStore {
  private readonly tasks = new Map<string, QueryTask>();

  constructor(private readonly engine: Engine) {}

  /** Creates a task; it runs in the background. */
  create(spec: NewQueryTask): QueryTask {
    const task: QueryTask = {
      id: randomBytes(16).toString('hex'),
      query: spec.query,
      format: spec.format,
      userId: spec.userId,
      status: 'added',
      limit: spec.limit,
      lookId: spec.lookId ?? null,
      dashboardId: spec.dashboardId ?? null,
      source: spec.source ?? null,
      result: null,
      errorMessage: null,
      runtimeSeconds: null,
      finished: undefined,
    };
    this.tasks.set(task.id, task);
    if (!spec.deferred) setImmediate(() => this.start(task));
    return task;
  }

  /** A task by id, or undefined. */
  get(id: string): QueryTask | undefined {
    return this.tasks.get(id);
  }

  /** Starts a task that has not started yet (a deferred one on its first poll). */
  start(task: QueryTask): void {
    if (task.finished) return;
    task.status = 'running';
    const started = performance.now();
    task.finished = this.engine
      .render(task.query.request, task.format, task.limit !== undefined ? { limit: task.limit } : undefined)
      .then(
        (result) => {
          task.result = result;
          task.status = 'complete';
        },
        (error: unknown) => {
          task.errorMessage = error instanceof QueryValidationError ? error.errors.map((e) => e.message).join('; ') : 'The query failed to run.';
          task.status = 'error';
        },
      )
      .finally(() => {
        task.runtimeSeconds = (performance.now() - started) / 1000;
      });
  }

  /** Waits until every started task has finished (used when stopping the emulator). */
  async drain(): Promise<void> {
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
    result_source: task.status === 'complete' ? 'query' : null,
    look_id: task.lookId,
    dashboard_id: task.dashboardId,
    result_format: task.format,
  };
}
