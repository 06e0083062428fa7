import type { Config } from '../config';
import { createLookerSessionSource, type LookerSessionSource } from '../looker-users';
import { createServiceLookerSession } from '../looker/service-looker-session';
import type { RetryPolicy } from '../looker/retry-policy';
import type { Logger } from '../observability/logger';

/**
 * Which Looker session serves a request, as `LOOKER_IDENTITY` says: the shared service-account
 * session, or the Looker user each caller maps to.
 */
export function lookerSessions(config: Config, logger: Logger, retry: RetryPolicy | undefined): LookerSessionSource {
  return createLookerSessionSource({
    identity: config.looker.identity,
    service: createServiceLookerSession(config.looker, logger),
    timeoutMs: config.looker.timeoutMs,
    retry,
    mapping: config.looker.userMapping,
    logger,
  });
}
