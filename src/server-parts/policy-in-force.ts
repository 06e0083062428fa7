import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import { createPolicyStore, emptyPolicy, type Policy } from '../policy';

/** The policy in force, and how to stop watching its file. */
export interface PolicyInForce {
  current(): Policy;
  close(): void;
}

/**
 * The policy given (tests, the demo), else the file `POLICY_FILE` (read now, hot-reloaded), else
 * none.
 */
export function policyInForce(config: Config, logger: Logger, given: { current(): Policy } | undefined): PolicyInForce {
  if (given) return { current: () => given.current(), close: () => undefined };
  if (!config.policyFile) return { current: () => emptyPolicy, close: () => undefined };
  const store = createPolicyStore({ file: config.policyFile, logger, readTimeoutMs: config.policyReadTimeoutMs });
  return { current: () => store.current(), close: () => store.close() };
}
