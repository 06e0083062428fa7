import type { Principal } from '../auth/principal';
import type { Policy } from './policy-model';

/**
 * Whether the policy exempts this caller from enforced trusted documents (the file's
 * `trustedDocuments.exemptScopes`): the caller holds one of the listed scopes among its effective
 * scopes (the token's and what the policy grants). An anonymous caller is never exempt.
 */
export function exemptFromTrustedDocuments(policy: Policy, principal: Principal | null): boolean {
  if (principal === null) return false;
  return (policy.trustedDocuments?.exemptScopes ?? []).some((scope) => principal.scopes.has(scope));
}
