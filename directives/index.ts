/** The `@auth` schema directive: SDL, schema transformer and the pure requirement helpers. */
export { AUTH_DIRECTIVE_NAME, authDirectiveTypeDefs } from './auth-directive-sdl';
export { authDirectiveTransformer } from './auth-directive-transformer';
export { AuthDirectiveError, parseScopesArgument } from './auth-arguments';
export { authorizationError, principalOf, requirePrincipal, type AuthErrorCode } from './auth-errors';
export { requiredScopesFor, requiredScopesForType } from './auth-requirements';
export {
  AUTHENTICATED,
  combineAll,
  combineRequirements,
  describeRequirement,
  isAuthenticationOnly,
  isSatisfied,
  missingScopes,
  normalizeRequirement,
  type ScopeAlternative,
  type ScopeRequirement,
} from './scope-requirement';
