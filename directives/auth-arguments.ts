import { getDirective } from '@graphql-tools/utils';
import type { GraphQLField, GraphQLNamedType, GraphQLSchema } from 'graphql';
import { AUTH_DIRECTIVE_NAME } from './auth-directive-sdl';
import { AUTHENTICATED, combineAll, normalizeRequirement, type ScopeRequirement } from './scope-requirement';

/**
 * A scope token as RFC 6749 §3.3 defines it: printable ASCII except space, `"` and `\`. Anything
 * else could never appear in a token's `scope`, so a requirement naming it could never be met.
 */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Thrown at startup when an `@auth` application is malformed; names where it is. */
export class AuthDirectiveError extends Error {
  override readonly name = 'AuthDirectiveError';
}

/**
 * The requirement written directly on a type or field (`undefined` when it carries no `@auth`).
 * `where` names the element for error messages, e.g. `type Look` or `field Look.result`.
 */
export function declaredRequirement(
  schema: GraphQLSchema,
  element: GraphQLNamedType | GraphQLField<unknown, unknown>,
  where: string,
): ScopeRequirement | undefined {
  let applications: readonly Record<string, unknown>[] | undefined;
  try {
    applications = getDirective(schema, element, AUTH_DIRECTIVE_NAME);
  } catch (error) {
    // Argument coercion errors come without saying which element they belong to.
    const reason = error instanceof Error ? error.message : String(error);
    throw new AuthDirectiveError(`Invalid @${AUTH_DIRECTIVE_NAME} on ${where}: ${reason}`);
  }
  if (applications === undefined || applications.length === 0) return undefined;
  // Not repeatable, but an extension could add a second one: all of them must hold.
  return combineAll(applications.map((args) => parseScopesArgument(args['scopes'], where)));
}

/**
 * Validates the `scopes` argument of one `@auth` and returns it in canonical form. Absent or null
 * means "any authenticated caller". Empty lists are rejected rather than guessed at: `[]` reads as
 * "nobody" and `[[]]` as "anyone signed in"; a bare `@auth` says the latter unambiguously.
 */
export function parseScopesArgument(value: unknown, where: string): ScopeRequirement {
  if (value === undefined || value === null) return AUTHENTICATED;
  const fail = (reason: string): never => {
    throw new AuthDirectiveError(`Invalid @${AUTH_DIRECTIVE_NAME}(scopes:) on ${where}: ${reason}`);
  };
  if (!Array.isArray(value)) return fail('expected a list of lists of scopes');
  if (value.length === 0) {
    return fail('the list of alternatives is empty; write a bare @auth to allow any authenticated caller');
  }
  const alternatives = value.map((alternative: unknown, index): string[] => {
    if (!Array.isArray(alternative)) return fail(`alternative ${index} is not a list of scopes`);
    if (alternative.length === 0) {
      return fail(`alternative ${index} is empty; write a bare @auth to allow any authenticated caller`);
    }
    return alternative.map((scope: unknown): string => {
      if (typeof scope !== 'string') return fail(`alternative ${index} holds a non-string scope`);
      if (!SCOPE_TOKEN.test(scope)) {
        return fail(
          `${JSON.stringify(scope)} is not a valid scope (empty, or has spaces or other characters a scope cannot hold)`,
        );
      }
      return scope;
    });
  });
  return normalizeRequirement(alternatives);
}
