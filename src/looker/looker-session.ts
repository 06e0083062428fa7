import type { Looker40SDK } from '@looker/sdk';
import type { CallAttempt } from './call-scope';

/**
 * The Looker identity one request's calls are made as. In service mode every request shares the
 * API3 session; in per-user mode each request gets the session of the Looker user its caller maps to.
 */
export interface LookerSession {
  readonly sdk: Looker40SDK;
  /** The Looker user the calls act as, for the audit trail; undefined for the service account. */
  readonly lookerUserId: string | undefined;
  /**
   * Who Looker answers as, for cache keys: `service`, or `user:<id>` once the caller's Looker user
   * is known. The user is found now if need be; `count` counts the Looker requests that takes.
   */
  identity(count: (requests: number) => void): Promise<string>;
  /**
   * Drops the session's token after Looker answered 401 to `attempt`, so the next call
   * authenticates again (unless that token was already replaced).
   */
  invalidate(attempt?: CallAttempt): void;
}
