import type { RequestBudget } from '../looker/looker-client';

/** What one tool call spent of Looker: HTTP calls made (logins and retries included) and result rows read. */
export interface BudgetSpend {
  readonly calls: number;
  readonly rows: number;
}

/**
 * The one Looker budget of an MCP HTTP request, shared by every tool call it carries (a JSON-RPC
 * batch), as the fields of one GraphQL request share theirs. Each call runs with what the calls
 * before it left: they take turns, since the SDK starts the calls of a batch at once and two
 * calls running together could each spend the whole remainder.
 */
export class SharedBudget {
  private calls = 0;
  private rows = 0;
  private turn: Promise<unknown> = Promise.resolve();

  constructor(readonly limits: RequestBudget) {}

  /** What the calls so far left of the budget (zero once used up: every further Looker call is refused). */
  remaining(): RequestBudget {
    return {
      maxCalls: Math.max(0, this.limits.maxCalls - this.calls),
      maxRows: Math.max(0, this.limits.maxRows - this.rows),
    };
  }

  /**
   * Runs `work` once the calls before it are done, with what they left; `work` reports what it
   * spent through `charge` (also when it fails).
   */
  take<T>(work: (remaining: RequestBudget, charge: (spent: BudgetSpend) => void) => Promise<T>): Promise<T> {
    const charge = (spent: BudgetSpend) => {
      this.calls += spent.calls;
      this.rows += spent.rows;
    };
    const run = this.turn.then(() => work(this.remaining(), charge));
    this.turn = run.catch(() => undefined);
    return run;
  }
}
