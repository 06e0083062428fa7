/** Async queries: Looker query tasks started, polled and cancelled by their owner only. */
export {
  cancelQueryTask,
  readQueryTask,
  startQueryTask,
  type QueryTaskContext,
  type QueryTaskStatus,
  type QueryTaskView,
} from './query-tasks';
export { RunningQueryTasks, type RunningQueryTasksOptions } from './running-query-tasks';
export { QueryTaskIds, taskIdLifetimeMs, type TaskOwner } from './task-ids';
