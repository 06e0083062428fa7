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
}

/** The part of the request context that authorization needs. */
export interface AuthContext {
  /** The caller, or null when the request carries no token (public operations only). */
  readonly principal: Principal | null;
}
