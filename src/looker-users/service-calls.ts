import { callLooker, type Invoke } from '../looker/looker-call';
import type { LookerSession } from '../looker/looker-session';
import type { RetryPolicy } from '../looker/retry-policy';

/** Counts HTTP requests sent to Looker, so a request's tally includes its lookups and logins. */
export type RequestCounter = (count: number) => void;

/** A Looker call made as the API (service) user. */
export type ServiceCall = <T>(operation: string, invoke: Invoke<T>, onRequests?: RequestCounter) => Promise<T>;

/**
 * Calls made with the service session, with the same deadline, retries and 401 renewal as every
 * other call. All are safe to repeat: lookups and probes read, and a second login only issues
 * another token.
 */
export function serviceCalls(
  service: LookerSession,
  options: { readonly timeoutMs: number; readonly retry?: RetryPolicy },
): ServiceCall {
  return (operation, invoke, onRequests) =>
    callLooker(invoke, {
      operation,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      idempotent: true,
      onUnauthorized: (attempt) => service.invalidate(attempt),
      onRequests,
    });
}
