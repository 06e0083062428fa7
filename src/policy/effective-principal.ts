import type { Principal } from '../auth/principal';
import { claimIncludes, readClaim } from './claim-values';
import type { LookerUserRef, Policy } from './policy-model';

/** What the policy makes of one caller. */
export interface EffectivePrincipal {
  /** The caller with scopes = the token's own ∪ what the matching rules grant. */
  readonly principal: Principal;
  /** Indexes (0-based, file order) of the rules that matched, for logs and audit. */
  readonly matchedRules: readonly number[];
  /** The Looker user of the first matching rule that names one. */
  readonly lookerUser?: LookerUserRef;
}

/**
 * Applies the policy to a caller. Pure: the same policy and claims give the same answer, so a
 * caller whose `groups` change gets the new grants on their next token. Every matching rule adds
 * its grants; when several matching rules name a Looker user, the first in file order wins.
 */
export function effectivePrincipal(policy: Policy, principal: Principal): EffectivePrincipal {
  const matchedRules: number[] = [];
  const granted: string[] = [];
  let lookerUser: LookerUserRef | undefined;
  policy.rules.forEach((rule, index) => {
    if (!claimIncludes(readClaim(principal.claims, rule.when.claim), rule.when.includes)) return;
    matchedRules.push(index);
    granted.push(...rule.grant);
    lookerUser ??= rule.lookerUser;
  });
  const adds = granted.some((scope) => !principal.scopes.has(scope));
  const policyRules = matchedRules.map((index) => policy.rules[index]?.name ?? `rules[${index}]`);
  const effective: Principal =
    adds || policyRules.length > 0
      ? {
          ...principal,
          ...(adds && { scopes: new Set([...principal.scopes, ...granted]) }),
          ...(policyRules.length > 0 && { policyRules }),
        }
      : principal;
  return { principal: effective, matchedRules, ...(lookerUser !== undefined && { lookerUser }) };
}
