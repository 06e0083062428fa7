/** `npm run doctor`: checks a production configuration against the systems it names. */
import type { Config } from '../config';
import type { CheckResult } from './check';
import { lookerChecks } from './looker-checks';
import { oidcChecks } from './oidc-checks';
import { policyCheck } from './policy-check';
import { redisCheck } from './redis-check';

export { formatResult, type CheckResult } from './check';

/** Every check, in the order an operator fixes things: Looker, the IdP, the policy, Redis. */
export async function runDoctor(config: Config): Promise<CheckResult[]> {
  const [looker, oidc, policy, redis] = await Promise.all([
    lookerChecks(config),
    oidcChecks(config.oidc),
    policyCheck(config.policyFile, config.policyReadTimeoutMs),
    redisCheck(config.cache.redisUrl),
  ]);
  return [...looker, ...oidc, policy, redis];
}
