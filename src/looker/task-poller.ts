import { LookerError } from './errors';
import type { QueryTaskState } from './query-task-state';

/** What the poller asks Looker: the states of several tasks in one call (`query_task_multi_results`). */
export type PollTasks = (taskIds: readonly string[]) => Promise<Map<string, QueryTaskState>>;

/** Poll intervals: the first wait, the growth factor per poll, and the longest wait. */
export interface PollBackoff {
  readonly firstMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

/** A quarter second first (fast queries answer soon), growing by half each poll, at most 5 s apart. */
export const defaultPollBackoff: PollBackoff = { firstMs: 250, factor: 1.5, maxMs: 5000 };

interface Waiter {
  readonly resolve: (state: Exclude<QueryTaskState, { status: 'running' }>) => void;
  readonly reject: (error: unknown) => void;
  polls: number;
}

/**
 * Waits for query tasks to finish, polling them together: every task a request waits for is asked
 * about in one `query_task_multi_results` call, so five slow tiles cost one poll, not five. Each
 * task's interval grows with the polls it has had; the poller wakes for the most urgent one.
 */
export class TaskPoller {
  private readonly waiting = new Map<string, Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly poll: PollTasks,
    private readonly backoff: PollBackoff = defaultPollBackoff,
  ) {}

  /**
   * Resolves with the task's final state (anything but `running`). Rejects when a poll fails, or
   * when `signal` aborts (with its reason); the task itself is left to the caller.
   */
  wait(taskId: string, signal?: AbortSignal): Promise<Exclude<QueryTaskState, { status: 'running' }>> {
    if (signal?.aborted) return Promise.reject(signal.reason as unknown);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting.delete(taskId);
        // Nothing left to ask about: no wake-up pending for nobody.
        if (this.waiting.size === 0 && this.timer) {
          clearTimeout(this.timer);
          this.timer = undefined;
        }
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <A>(fn: (a: A) => void) =>
        (a: A) => {
          signal?.removeEventListener('abort', onAbort);
          fn(a);
        };
      this.waiting.set(taskId, { resolve: settle(resolve), reject: settle(reject), polls: 0 });
      this.schedule();
    });
  }

  private intervalOf(waiter: Waiter): number {
    return Math.min(this.backoff.maxMs, this.backoff.firstMs * this.backoff.factor ** waiter.polls);
  }

  private schedule(): void {
    if (this.polling || this.waiting.size === 0) return;
    const delay = Math.min(...[...this.waiting.values()].map((w) => this.intervalOf(w)));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    const ids = [...this.waiting.keys()];
    if (ids.length === 0) return;
    this.polling = true;
    try {
      const states = await this.poll(ids);
      for (const id of ids) {
        const waiter = this.waiting.get(id);
        if (!waiter) continue;
        const state = states.get(id) ?? { status: 'missing' };
        waiter.polls += 1;
        if (state.status === 'running') continue;
        this.waiting.delete(id);
        waiter.resolve(state);
      }
    } catch (error) {
      // A poll that failed after its own retries fails every task it asked about.
      for (const id of ids) {
        const waiter = this.waiting.get(id);
        if (!waiter) continue;
        this.waiting.delete(id);
        waiter.reject(
          error instanceof LookerError
            ? error
            : new LookerError(
                'LOOKER_UNAVAILABLE',
                'Looker could not report on a query task',
                'query_task_multi_results',
              ),
        );
      }
    } finally {
      this.polling = false;
      this.schedule();
    }
  }
}
