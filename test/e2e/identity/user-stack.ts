import type { JWTPayload } from 'jose';
import type { Engine } from '../../../emulator/engine/types';
import {
  createUserSessionProvider,
  type UserSessionProvider,
  type UserSessionProviderOptions,
} from '../../../src/looker-users';
import type { LookerSession } from '../../../src/looker/looker-session';
import type { RetryPolicy } from '../../../src/looker/retry-policy';
import { emptyPolicy, type Policy } from '../../../src/policy';
import { createServiceLookerSession } from '../../../src/looker/service-looker-session';
import { startSubgraphStack, testAudience, type StackOptions, type SubgraphStack } from '../../support/subgraph-stack';

/** Scopes of a caller who may read content, models and data. */
export const readEverything = 'looker:content:read looker:models:read looker:data:read';

/** Provider options a test may change; the stack supplies the service session and timeout. */
export type ProviderOverrides = Partial<Omit<UserSessionProviderOptions, 'service'>> & { readonly policy?: Policy };

/** The test stack in per-user Looker identity mode, with the provider replaceable between tests. */
export interface UserStack extends SubgraphStack {
  /** The API (service) session the provider looks users up and logs them in with. */
  readonly service: LookerSession;
  /** A token signed by the issuer's key for `sub`, with every read scope unless `claims` say otherwise. */
  tokenFor(sub: string, claims?: JWTPayload): Promise<string>;
  /** Replaces the identity provider (and policy), so a test starts with empty caches. */
  useProvider(overrides?: ProviderOverrides): UserSessionProvider;
}

/**
 * Starts the stack with `LOOKER_IDENTITY=user`. The server passes the caller and the Looker user
 * the policy names to the provider, exactly as in production; only the provider instance is the
 * test's, so it can be swapped for one with other options.
 */
export async function startUserStack(
  options: {
    engine?: Engine;
    retry?: RetryPolicy;
    lookerTimeoutMs?: number;
    env?: Record<string, string>;
    emulator?: StackOptions['emulator'];
  } = {},
): Promise<UserStack> {
  const state: { provider?: UserSessionProvider; policy: Policy; service?: LookerSession; timeoutMs: number } = {
    policy: emptyPolicy,
    timeoutMs: 10_000,
  };
  const useProvider = (overrides: ProviderOverrides = {}) => {
    const { policy, ...providerOptions } = overrides;
    state.policy = policy ?? emptyPolicy;
    state.provider = createUserSessionProvider({
      service: state.service as LookerSession,
      timeoutMs: state.timeoutMs,
      retry: options.retry,
      ...providerOptions,
    });
    return state.provider;
  };
  const stack = await startSubgraphStack({
    engine: options.engine,
    retry: options.retry,
    lookerTimeoutMs: options.lookerTimeoutMs,
    emulator: options.emulator,
    env: { LOOKER_IDENTITY: 'user', ...options.env },
    policy: { current: () => state.policy },
    lookerSessionFor: (config) => {
      state.service = createServiceLookerSession(config.looker);
      state.timeoutMs = config.looker.timeoutMs;
      useProvider();
      return (principal, lookerUser) => (state.provider as UserSessionProvider).sessionFor(principal, lookerUser);
    },
  });
  return {
    ...stack,
    service: state.service as LookerSession,
    useProvider,
    tokenFor: (sub, claims = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return stack.forgeToken({
        iss: stack.issuer.issuer.issuer,
        aud: testAudience,
        sub,
        scope: readEverything,
        iat: now,
        exp: now + 600,
        ...claims,
      });
    },
  };
}
