/** When and how long to wait before retrying a Looker call. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Backoff before the second attempt; doubled each time, with jitter. */
  readonly baseDelayMs: number;
  /** Upper bound of one backoff, `Retry-After` included. */
  readonly maxDelayMs: number;
}

/** Defaults: three attempts, 100 ms → 200 ms → …, never waiting more than 5 s at once. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5_000 };

/** Statuses worth another attempt for an idempotent call: Looker busy (429) or its front failing (502/503/504). */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/**
 * Delay before attempt `attempt + 1`. `Retry-After` wins when Looker sent it, because the server
 * knows its own load; otherwise exponential backoff with jitter (between half and all of the step), so concurrent callers spread out.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== undefined) return Math.min(retryAfterSeconds * 1000, policy.maxDelayMs);
  const ceiling = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
