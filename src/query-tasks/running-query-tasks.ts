import type { SubjectTaskSlots, ReleaseTaskSlot } from '../limits';
import type { Logger } from '../observability/logger';
import { LookerError } from '../looker/errors';
import type { LookerClient } from '../looker/looker-client';
import type { QueryTaskState } from '../looker/query-task-state';
import { TaskPoller, type PollBackoff } from '../looker/task-poller';
import type { TaskOwner } from './task-ids';

/** What the running tasks need. */
export interface RunningQueryTasksOptions {
  /** Each caller's slots (`LOOKER_SUBJECT_MAX_TASKS`); closed with this. */
  readonly slots: SubjectTaskSlots;
  /** How long a task may run before it is killed (`LOOKER_QUERY_DEADLINE`). */
  readonly deadlineMs: number;
  /** How long stopping waits for Looker to kill the tasks still running (after the drain, so briefly). */
  readonly stopWithinMs: number;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
  /** How often Looker is asked whether the tasks finished; the default suits real Looker. */
  readonly watchBackoff?: PollBackoff;
}

/** Asked after one second at first, then less often, at most every 10 s: a finished task frees its slot within that. */
const defaultWatchBackoff: PollBackoff = { firstMs: 1_000, factor: 1.5, maxMs: 10_000 };
/** Task ids per `query_task_multi_results` call: the ids travel in the URL. */
const idsPerCall = 100;

/** One task this replica started, until it ends. */
interface Task {
  readonly lookerTaskId: string;
  /** The Looker identity it runs as: its watch asks Looker as that identity. */
  readonly identity: string;
  /** Outlives the request that started the task. */
  readonly looker: LookerClient;
  readonly release: ReleaseTaskSlot;
  /** Ends the watch. */
  readonly unwatched: AbortController;
  deadline: NodeJS.Timeout | undefined;
  retry: NodeJS.Timeout | undefined;
}

/** The tasks of one Looker identity, polled together. */
interface Watch {
  readonly poller: TaskPoller;
  tasks: number;
}

/** What became of a kill. */
type KillOutcome = 'killed' | 'finished' | 'failed';

/**
 * The query tasks this replica started with `startQuery` that still run. A caller may have at most
 * `LOOKER_SUBJECT_MAX_TASKS` running (across replicas with Redis), results run as tasks included
 * (`takeSlot`); a start beyond is refused with LOOKER_RATE_LIMITED before any Looker call. Each task is watched in Looker (the tasks of one
 * Looker identity in one `query_task_multi_results` call) and frees its slot once it finished,
 * was cancelled or is gone; one still running at its deadline is killed (`kill_query`), whether or
 * not anybody asks about it again; and a replica that stops kills those it started.
 */
export class RunningQueryTasks {
  private readonly tasks = new Map<string, Task>();
  private readonly watches = new Map<string, Watch>();
  private closing = false;

  constructor(private readonly options: RunningQueryTasksOptions) {}

  /**
   * Starts a task for its owner within the owner's share: `begin` makes the Looker calls and
   * answers Looker's task id. LOOKER_RATE_LIMITED, without calling `begin`, when the owner's
   * slots are all held.
   */
  async start(owner: TaskOwner, looker: LookerClient, begin: () => Promise<string>): Promise<string> {
    if (this.closing)
      throw new LookerError(
        'LOOKER_UNAVAILABLE',
        'This server is stopping; start the query again',
        'create_query_task',
      );
    const release = await this.options.slots.take(owner.subject);
    if (!release) {
      const limit = this.options.slots.perSubject;
      throw new LookerError(
        'LOOKER_RATE_LIMITED',
        `This caller has ${limit} query tasks running, as many as it may; cancel one or wait for one to finish`,
        'create_query_task',
      );
    }
    let lookerTaskId: string;
    try {
      lookerTaskId = await begin();
    } catch (error) {
      release();
      throw error;
    }
    const task: Task = {
      lookerTaskId,
      identity: owner.lookerIdentity,
      looker: looker.detached(),
      release,
      unwatched: new AbortController(),
      deadline: undefined,
      retry: undefined,
    };
    this.tasks.set(lookerTaskId, task);
    const watch = this.watches.get(task.identity) ?? {
      poller: new TaskPoller(pollWith(task.looker), this.options.watchBackoff ?? defaultWatchBackoff),
      tasks: 0,
    };
    watch.tasks += 1;
    this.watches.set(task.identity, watch);
    if (this.closing) {
      // Started while the replica began to stop: nobody will watch it.
      void this.stopTask(task).then(release);
      return lookerTaskId;
    }
    task.deadline = setTimeout(() => void this.expire(task), this.options.deadlineMs);
    task.deadline.unref();
    this.watch(task, watch.poller);
    return lookerTaskId;
  }

  /**
   * One of the subject's slots for a task that its request runs and ends itself (a look's or
   * tile's result run as a task): counted with the `startQuery` tasks, against the same cap. Its
   * release, or undefined when the subject's slots are all held or this replica is stopping.
   */
  async takeSlot(subject: string): Promise<ReleaseTaskSlot | undefined> {
    if (this.closing) return undefined;
    return this.options.slots.take(subject);
  }

  /** Its owner saw the task in a final state, or cancelled it: its slot frees now. */
  settled(lookerTaskId: string): void {
    const task = this.tasks.get(lookerTaskId);
    if (task && this.end(task)) task.release();
  }

  /**
   * Kills the tasks still running (in parallel, waiting at most `stopWithinMs` for Looker), says
   * in the log how many, and gives back every slot. New starts are refused from now on.
   */
  async close(): Promise<void> {
    this.closing = true;
    const tasks = [...this.tasks.values()];
    if (tasks.length > 0) {
      const outcomes = Promise.all(tasks.map((task) => this.stopTask(task)));
      const late = new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), this.options.stopWithinMs).unref(),
      );
      const answered = await Promise.race([outcomes, late]);
      const count = (outcome: KillOutcome) => answered?.filter((o) => o === outcome).length ?? 0;
      const summary = {
        killed: count('killed'),
        finished: count('finished'),
        failed: count('failed'),
        unanswered: answered ? 0 : tasks.length,
      };
      if (summary.failed + summary.unanswered > 0)
        this.options.logger?.warn(
          summary,
          'stopping: Looker did not confirm the kill of every query task this replica started',
        );
      else
        this.options.logger?.info(
          summary,
          'stopping: killed the query tasks this replica started that were still running',
        );
      for (const task of tasks) task.release();
    }
    await this.options.slots.close();
  }

  /** Polls until the task is final, then frees its slot; a failed poll is tried again later. */
  private watch(task: Task, poller: TaskPoller): void {
    poller.wait(task.lookerTaskId, task.unwatched.signal).then(
      () => this.settled(task.lookerTaskId),
      () => {
        if (task.unwatched.signal.aborted) return;
        // Looker could not answer: ask again later; the deadline still ends the task.
        task.retry = setTimeout(
          () => this.watch(task, poller),
          (this.options.watchBackoff ?? defaultWatchBackoff).maxMs,
        );
        task.retry.unref();
      },
    );
  }

  /** Forgets the task (false if it already ended): no more watch, deadline or retry. */
  private end(task: Task): boolean {
    if (this.tasks.get(task.lookerTaskId) !== task) return false;
    this.tasks.delete(task.lookerTaskId);
    clearTimeout(task.deadline);
    clearTimeout(task.retry);
    task.unwatched.abort();
    const watch = this.watches.get(task.identity);
    if (watch && --watch.tasks === 0) this.watches.delete(task.identity);
    return true;
  }

  /** The deadline passed while the task still ran: Looker stops it, and its slot frees. */
  private async expire(task: Task): Promise<void> {
    if (!this.end(task)) return;
    const outcome = await kill(task);
    if (outcome === 'failed')
      this.options.logger?.warn(
        { queryTaskId: task.lookerTaskId },
        'query task reached its deadline and Looker could not kill it',
      );
    if (outcome === 'killed')
      this.options.logger?.info(
        { queryTaskId: task.lookerTaskId },
        'query task still running at its deadline: killed in Looker',
      );
    task.release();
  }

  /** Ends the task and kills it; the slot is the caller's to free. */
  private stopTask(task: Task): Promise<KillOutcome> {
    this.end(task);
    return kill(task);
  }
}

/** `kill_query` as the task's own Looker identity; never throws. */
async function kill(task: Task): Promise<KillOutcome> {
  try {
    return (await task.looker.killQueryTask(task.lookerTaskId)) ? 'killed' : 'finished';
  } catch {
    return 'failed';
  }
}

/** Asks Looker about many tasks, `idsPerCall` at a time. */
function pollWith(looker: LookerClient): (ids: readonly string[]) => Promise<Map<string, QueryTaskState>> {
  return async (ids) => {
    const states = new Map<string, QueryTaskState>();
    for (let i = 0; i < ids.length; i += idsPerCall) {
      for (const [id, state] of await looker.queryTaskResults(ids.slice(i, i + idsPerCall))) states.set(id, state);
    }
    return states;
  };
}
