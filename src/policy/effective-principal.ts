import type { Principal } from '../auth/principal';
import { matchingRules } from './matching-rules';
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
  const matched = matchingRules(policy, principal.claims);
  const matchedRules = matched.map((m) => m.index);
  const granted = matched.flatMap((m) => m.rule.grant);
  const lookerUser: LookerUserRef | undefined = matched.find((m) => m.rule.lookerUser)?.rule.lookerUser;
  const adds = granted.some((scope) => !principal.scopes.has(scope));
  const policyRules = matched.map((m) => m.name);
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
