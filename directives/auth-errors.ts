import { GraphQLError } from 'graphql';
import type { AuthContext, Principal } from '../src/auth/principal';
import { describeRequirement, isAuthenticationOnly, isSatisfied, type ScopeRequirement } from './scope-requirement';

/** Error codes this directive answers with (design §5). */
export type AuthErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN';

/**
 * The error to raise when `principal` may not pass `requirement`, or `undefined` when it may.
 * No caller → `UNAUTHENTICATED`; a caller lacking scopes → `FORBIDDEN`. Both carry
 * `extensions.requiredScopes`, so a client can tell which scopes to ask for.
 */
export function authorizationError(
  requirement: ScopeRequirement,
  principal: Principal | null | undefined,
): GraphQLError | undefined {
  if (principal && isSatisfied(requirement, principal.scopes)) return undefined;
  const needsScope = !isAuthenticationOnly(requirement);
  const message = principal
    ? `Not authorized: requires ${describeRequirement(requirement)}`
    : `Not authenticated: requires an access token${needsScope ? ` with ${describeRequirement(requirement)}` : ''}`;
  const code: AuthErrorCode = principal ? 'FORBIDDEN' : 'UNAUTHENTICATED';
  return new GraphQLError(message, {
    extensions: { code, requiredScopes: requirement.map((alternative) => [...alternative]) },
  });
}

/**
 * The principal of a resolver's context. Anything that is not an `AuthContext` counts as no
 * caller, so a context built without `principal` fails closed.
 */
export function principalOf(context: unknown): Principal | null {
  if (typeof context !== 'object' || context === null || !('principal' in context)) return null;
  const { principal } = context as AuthContext;
  return principal ?? null;
}
