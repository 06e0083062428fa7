import type { Looker40SDK } from '@looker/sdk';

/**
 * The Looker identity one request's calls are made as. In service mode every request shares the
 * API3 session; in per-user mode each request gets the session of the Looker user its caller maps to.
 */
export interface LookerSession {
  readonly sdk: Looker40SDK;
  /** The Looker user the calls act as, for the audit trail; undefined for the service account. */
  readonly lookerUserId: string | undefined;
  /** Drops the session's token after Looker answered 401, so the next call authenticates again. */
  invalidate(): void;
}
