import type { Context as TraceContext } from '@opentelemetry/api';
import type { ITransportSettings, SDKResponse } from '@looker/sdk-rtl';
import { attemptSettings, type CallAttempt } from './call-scope';
import { classifyFailure, LookerError, statusFromDocumentationUrl } from './errors';
import type { CallerAdmission } from '../limits/looker-admission';
import { laneOf } from '../limits/looker-lanes';
import { defaultRetryPolicy, isRetryableStatus, retryDelayMs, sleep, type RetryPolicy } from './retry-policy';

/** How one Looker call is made. */
export interface CallOptions {
  /** Name for errors, logs and the audit trail, e.g. `search_looks`. */
  readonly operation: string;
  /** Whole-call deadline, retries included. */
  readonly timeoutMs: number;
  /** Only idempotent (read-only) calls are retried. */
  readonly idempotent: boolean;
  readonly retry?: RetryPolicy;
  /** Called when Looker answers 401 to `attempt`: the session drops that token so the retry logs in again. */
  readonly onUnauthorized?: (attempt: CallAttempt) => void;
  /** Counts HTTP requests sent to Looker, logins included. */
  readonly onRequests?: (count: number) => void;
  /**
   * The caller's share of Looker: charges the call to the caller's rate, and runs each attempt
   * within the caller's and the lane's concurrency and the lane's circuit breaker (queueing counts
   * toward the deadline).
   */
  readonly gate?: CallerAdmission;
  /** The trace context the call's HTTP requests are children of (the GraphQL operation's span). */
  readonly trace?: TraceContext;
  /**
   * Ends the call when it aborts (the request's client went away, or its caller no longer needs
   * the answer): a call not sent yet is not sent, one in flight is aborted; it fails with
   * LOOKER_UNAVAILABLE and never counts as Looker failing.
   */
  readonly signal?: AbortSignal;
  /** Called with the attempt whose answer the call returns: what the transport read besides its body (`totalCount`). */
  readonly onAnswered?: (attempt: CallAttempt) => void;
}

/**
 * Makes the SDK call, passing `settings` as the SDK method's per-call options (its last
 * argument): they carry the attempt to the transport.
 */
export type Invoke<T> = (settings: Partial<ITransportSettings>) => Promise<SDKResponse<T, unknown>>;

/**
 * Runs one SDK call with a deadline that really aborts the HTTP request, retries idempotent calls
 * on 429/502/503/504 honouring `Retry-After`, renews an expired session once, and turns every
 * failure into a LookerError. Returns the successful value.
 */
export async function callLooker<T>(invoke: Invoke<T>, options: CallOptions): Promise<T> {
  const policy = options.retry ?? defaultRetryPolicy;
  if (options.signal?.aborted) throw abandoned(options.operation);
  // One signal for the whole call: our deadline aborts it, and so does the circuit breaker freeing
  // a stuck attempt (which then fails as LOOKER_UNAVAILABLE, never reaching a next attempt). A
  // plain timer and controller: combining signals (`AbortSignal.any`) cost more than the rest of
  // the call's own bookkeeping.
  const stop = new AbortController();
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    stop.abort(new DOMException(`${options.operation} passed its deadline`, 'TimeoutError'));
  }, options.timeoutMs);
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await callWithRetries(invoke, options, policy, stop, () => timedOut);
  } catch (error) {
    // Whatever the abort made of the attempt, the call ended because nobody needs its answer.
    if (options.signal?.aborted) throw abandoned(options.operation);
    throw error;
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/** The call's answer is no longer needed (its request ended): not Looker's failure. */
function abandoned(operation: string): LookerError {
  return new LookerError('LOOKER_UNAVAILABLE', `The request ended before Looker answered (${operation})`, operation);
}

async function callWithRetries<T>(
  invoke: Invoke<T>,
  options: CallOptions,
  policy: RetryPolicy,
  stop: AbortController,
  timedOut: () => boolean,
): Promise<T> {
  const started = Date.now();
  const lane = laneOf(options.operation);
  await options.gate?.charge(options.operation);
  // Nothing more is sent once the call's deadline passed or its signal aborted.
  const stopped = () => timedOut() || options.signal?.aborted === true;
  let renewedSession = false;
  for (let attempt = 1; ; attempt += 1) {
    const state: CallAttempt = { operation: options.operation, signal: stop.signal, trace: options.trace, requests: 0 };
    let response: SDKResponse<T, unknown>;
    try {
      const attemptNow = (): Promise<SDKResponse<T, unknown>> =>
        // A call whose deadline passed (or whose request ended) while it queued is not sent at all.
        stopped()
          ? Promise.resolve({ ok: false, error: { message: 'deadline passed', type: 'sdk_error' } })
          : invoke(attemptSettings(state));
      response = await (options.gate
        ? options.gate.run(lane, options.operation, attemptNow, {
            abort: () => stop.abort(),
            signal: stop.signal,
            // No answer at all, or Looker's own 5xx: what a failing Looker looks like.
            isOutage: (r) => !r.ok && !stopped() && (state.status === undefined || state.status >= 500),
          })
        : attemptNow());
    } catch (error) {
      // Already classified by our own code (e.g. FORBIDDEN for a caller with no Looker user).
      if (error instanceof LookerError) throw error;
      response = { ok: false, error: { message: 'The SDK call was not successful.', type: 'sdk_error', cause: error } };
    } finally {
      options.onRequests?.(state.requests);
    }
    if (response.ok) {
      options.onAnswered?.(state);
      return response.value;
    }

    const status = state.status ?? statusFromDocumentationUrl(response.error);
    if (timedOut()) throw classifyFailure(options.operation, undefined, undefined, true);
    // An `sdk_error` with an HTTP status is the SDK's own login failing inside the call, not
    // Looker's answer to the call itself.
    const sdkFailure = (response.error as { type?: unknown } | undefined)?.type === 'sdk_error';
    if (sdkFailure && status !== undefined && status < 500 && status !== 429) {
      // Looker refused this server's own credentials (it answers 404 to wrong ones): a
      // configuration problem, never "not found" for the content asked about.
      throw new LookerError(
        'INTERNAL_SERVER_ERROR',
        `Looker refused the credentials of this server (${options.operation})`,
        options.operation,
        status,
      );
    }
    if (status === 401 && !renewedSession && options.onUnauthorized) {
      // The token expired or was revoked on Looker's side: log in again once.
      renewedSession = true;
      options.onUnauthorized(state);
      attempt -= 1;
      continue;
    }
    const failure = classifyFailure(options.operation, status, response.error, false);
    const retryable = options.idempotent && (isRetryableStatus(status) || status === undefined);
    if (!retryable || attempt >= policy.maxAttempts) throw failure;
    const delay = retryDelayMs(policy, attempt, state.retryAfterSeconds);
    // Waiting past the deadline cannot succeed: report Looker's own answer now instead.
    if (Date.now() - started + delay >= options.timeoutMs) throw failure;
    await sleep(delay, stop.signal).catch(() => {
      throw failure;
    });
  }
}
