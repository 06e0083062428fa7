import type { Principal } from '../auth/principal';
import type { LookerIdentity } from '../config';
import type { Logger } from '../observability/logger';
import type { LookerSession } from '../looker/looker-session';
import type { RetryPolicy } from '../looker/retry-policy';
import type { LookerUserRef } from '../policy/policy-model';
import type { PerUserReport } from './per-user-probe';
import { createUserSessionProvider } from './user-session-provider';
import type { UserMappingOptions } from './user-target';

/**
 * Picks the Looker session of one request. In per-user mode it can `announce` at start what the
 * Looker it talks to allows (one log line naming the flavour and which mappings work).
 */
export type LookerSessionSource = ((principal: Principal | null, lookerUser?: LookerUserRef) => LookerSession) & {
  readonly announce?: () => Promise<PerUserReport>;
};

/** What the server knows when it chooses how requests reach Looker. */
export interface LookerSessionSourceOptions {
  readonly identity: LookerIdentity;
  /** The API (service) session: every request's session in service mode, the user manager in user mode. */
  readonly service: LookerSession;
  readonly timeoutMs: number;
  readonly retry?: RetryPolicy;
  readonly mapping?: UserMappingOptions;
  readonly logger?: Pick<Logger, 'warn' | 'info'>;
}

/**
 * `service`: every request shares the API user's session. `user`: each request gets the session
 * of the Looker user its caller maps to (the policy's `lookerUser` first), never the API user's.
 */
export function createLookerSessionSource(options: LookerSessionSourceOptions): LookerSessionSource {
  if (options.identity === 'service') return () => options.service;
  const provider = createUserSessionProvider(options);
  return Object.assign(
    (principal: Principal | null, lookerUser?: LookerUserRef) => provider.sessionFor(principal, lookerUser),
    { announce: () => provider.announce() },
  );
}
