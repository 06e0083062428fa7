import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * State of one Looker call attempt, visible to the transport through async context. The SDK drops
 * `options.signal` and the HTTP status of failed calls (design §7); the transport reads the signal
 * from here and writes the status and `Retry-After` back.
 */
export interface CallAttempt {
  /** The Looker operation this attempt belongs to (`search_looks`, `run_query`, …). */
  readonly operation: string;
  readonly signal: AbortSignal;
  status?: number;
  retryAfterSeconds?: number;
  /** HTTP requests made during this attempt (a call may include a login). */
  requests: number;
  /** Which login of the service session authenticated this attempt (see `ServiceSession.invalidate`). */
  sessionGeneration?: number;
}

/** Async context carrying the current attempt from our call wrapper to the transport. */
export const callScope = new AsyncLocalStorage<CallAttempt>();
