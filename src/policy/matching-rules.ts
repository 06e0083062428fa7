import { claimIncludes, readClaim } from './claim-values';
import type { Policy, PolicyRule } from './policy-model';

/** A rule whose condition the caller's claims meet. */
export interface MatchedRule {
  readonly rule: PolicyRule;
  /** Its place in the file (0-based). */
  readonly index: number;
  /** Its `name`, or its place in the file (`rules[2]`), for logs, audit and refusals. */
  readonly name: string;
}

/** The rules of the policy that match these claims, in file order: the one reading of `when:`. */
export function matchingRules(policy: Policy, claims: Readonly<Record<string, unknown>>): MatchedRule[] {
  const matched: MatchedRule[] = [];
  policy.rules.forEach((rule, index) => {
    if (claimIncludes(readClaim(claims, rule.when.claim), rule.when.includes))
      matched.push({ rule, index, name: rule.name ?? `rules[${index}]` });
  });
  return matched;
}
