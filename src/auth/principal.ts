import type { JWTPayload } from 'jose';

/**
 * The authenticated caller of one request, derived from a verified OIDC access token.
 * Everything downstream (the `@auth` directive, the Looker session, the audit trail) reads the
 * caller from here, never from the raw token.
 */
export interface Principal {
  /** The token's `sub`. */
  readonly subject: string;
  /** The OAuth client the token was issued to (`client_id`, else `azp`), when the token says. */
  readonly clientId: string | undefined;
  /** Effective scopes: the token's own plus whatever policy grants. */
  readonly scopes: ReadonlySet<string>;
  /** The verified claims, for policy decisions (groups, roles, email). */
  readonly claims: Readonly<JWTPayload>;
  /** The policy rules that matched the caller's claims (their names, or `rules[2]`), for the audit trail. */
  readonly policyRules?: readonly string[];
}

/** The part of the request context that authorization needs. */
export interface AuthContext {
  /** The caller, or null when the request carries no token (public operations only). */
  readonly principal: Principal | null;
  /**
   * The scopes this request's `@auth` checks relied on: for each field served, the first
   * alternative of its requirement the caller satisfied. For the audit trail (scopes used, beside
   * scopes held); absent where a context is built without it.
   */
  readonly scopesUsed?: Set<string>;
}
