/**
 * The policy's in-memory model: rules that map claims of the caller's access token to extra
 * scopes and, optionally, to the Looker user the caller acts as. The file format is validated in
 * `policy-schema.ts`; everything here is already checked and frozen.
 */

/** Names the Looker user a rule's callers act as (per-user Looker identity mode); exactly one key. */
export type LookerUserRef =
  | { readonly email: string }
  | { readonly externalUserId: string }
  | { readonly id: string };

/** A rule's condition: the claim (top-level name or dotted path) holds one of the listed values. */
export interface ClaimCondition {
  readonly claim: string;
  /** Any one of these values matches (exact, case-sensitive). */
  readonly includes: readonly string[];
}

/** One rule of the policy file, in file order. */
export interface PolicyRule {
  /** Optional label for logs and audit; rules are otherwise known by their index. */
  readonly name?: string;
  readonly when: ClaimCondition;
  /** Scopes added to the caller's token scopes when the rule matches (may be empty). */
  readonly grant: readonly string[];
  readonly lookerUser?: LookerUserRef;
}

/** A validated policy. */
export interface Policy {
  readonly rules: readonly PolicyRule[];
}

/** The policy in force when no `POLICY_FILE` is configured: grants nothing beyond the token. */
export const emptyPolicy: Policy = Object.freeze({ rules: Object.freeze([]) });

/** Deep-freezes a freshly validated policy so one shared instance can serve every request. */
export function freezePolicy(policy: Policy): Policy {
  for (const rule of policy.rules) {
    Object.freeze(rule.when.includes);
    Object.freeze(rule.when);
    Object.freeze(rule.grant);
    if (rule.lookerUser) Object.freeze(rule.lookerUser);
    Object.freeze(rule);
  }
  Object.freeze(policy.rules);
  return Object.freeze(policy);
}
