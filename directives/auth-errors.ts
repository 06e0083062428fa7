import type { GraphQLError } from 'graphql';
import type { AuthContext, Principal } from '../src/auth/principal';
import { graphqlError, type ErrorCode } from '../src/errors';
import {
  AUTHENTICATED,
  describeRequirement,
  isAuthenticationOnly,
  isSatisfied,
  type ScopeRequirement,
} from './scope-requirement';

/** The codes of {@link ErrorCode} this directive answers with. */
export type AuthErrorCode = Extract<ErrorCode, 'UNAUTHENTICATED' | 'FORBIDDEN'>;

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
  return graphqlError(code, message, { requiredScopes: requirement.map((alternative) => [...alternative]) });
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

/**
 * The principal of a resolver's context, for a resolver that acts as the caller.
 * Throws the directive's own `UNAUTHENTICATED` error when there is none: `@auth` refuses such a
 * caller first, and this keeps the type honest.
 */
export function requirePrincipal(context: unknown): Principal {
  const principal = principalOf(context);
  if (principal) return principal;
  throw authorizationError(AUTHENTICATED, null) ?? new TypeError('unreachable: no principal passes a requirement');
}
