import type { Context as TraceContext } from '@opentelemetry/api';
import type { ITransportSettings } from '@looker/sdk-rtl';

/**
 * State of one Looker call attempt, handed from our call wrapper to the transport with the SDK
 * call's own per-call settings (see {@link attemptSettings}). The SDK drops `options.signal` and
 * the HTTP status of failed calls (non-2xx answers come back as `{ ok: false }` without it); the transport reads the signal from here and writes
 * the status and `Retry-After` back.
 */
export interface CallAttempt {
  /** The Looker operation this attempt belongs to (`search_looks`, `run_query`, …). */
  readonly operation: string;
  readonly signal: AbortSignal;
  /** The trace context the attempt's HTTP requests are children of (the GraphQL operation's span), if any. */
  readonly trace?: TraceContext;
  status?: number;
  retryAfterSeconds?: number;
  /** Looker's `X-Total-Count` on the attempt's answer: how many items the whole list holds (sent with `limit`). */
  totalCount?: number;
  /** HTTP requests made during this attempt (a call may include a login). */
  requests: number;
  /** Which login of the service session authenticated this attempt (see `Api3AuthSession.invalidate`). */
  sessionGeneration?: number;
}

// A symbol key: the SDK copies per-call settings with object spread, which keeps it, and no
// setting of the SDK's own can collide with it.
const attemptKey = Symbol('looker.callAttempt');

/**
 * The per-call settings (the SDK methods' last `options` argument) that carry an attempt to the
 * transport. Passed explicitly rather than through async context: `AsyncLocalStorage` on Node 20
 * puts a hook on every promise of the process, a seventh of the CPU of a simple operation.
 */
export function attemptSettings(attempt: CallAttempt): Partial<ITransportSettings> {
  return { [attemptKey]: attempt } as Partial<ITransportSettings>;
}

/** The attempt carried by per-call settings, or by request props the transport made from them. */
export function attemptOf(carrier: object | null | undefined): CallAttempt | undefined {
  return carrier ? (Reflect.get(carrier, attemptKey) as CallAttempt | undefined) : undefined;
}

/** Marks request props with their attempt, so the authenticator (the session) sees it too. */
export function markAttempt<T extends object>(carrier: T, attempt: CallAttempt | undefined): T {
  if (attempt) Object.defineProperty(carrier, attemptKey, { value: attempt, enumerable: true });
  return carrier;
}
