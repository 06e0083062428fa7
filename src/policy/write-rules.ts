import type { Principal } from '../auth/principal';
import { matchingRules } from './matching-rules';
import type { Policy, WriteGrant } from './policy-model';

/** A matching rule's `writes:`, with the name refusals give it. */
export interface NamedWriteGrant {
  /** The rule's `name`, or its place in the file (`rules[2]`). */
  readonly rule: string;
  readonly grant: WriteGrant;
}

/**
 * The `writes:` of every rule that matches the caller, in file order. Read at each write, so an
 * edit of the policy file (or a caller's new groups) applies to the next write.
 */
export function writeGrantsFor(policy: Policy, principal: Principal): readonly NamedWriteGrant[] {
  return matchingRules(policy, principal.claims).flatMap(({ rule, name }) =>
    rule.writes ? [{ rule: name, grant: rule.writes }] : [],
  );
}
