/**
 * Scope requirements in disjunctive normal form, the shape Apollo Federation's `@requiresScopes`
 * uses: the outer list is OR, each inner list is AND. Pure values and functions, no GraphQL.
 */

/** One alternative: the caller needs every scope in it. An empty alternative needs none. */
export type ScopeAlternative = readonly string[];

/**
 * Any one alternative suffices. `[[]]` (one alternative needing no scope) means "any authenticated
 * caller", which is what a bare `@auth` asks for.
 */
export type ScopeRequirement = readonly ScopeAlternative[];

/** The requirement of a bare `@auth`: a caller must be authenticated, no scope is needed. */
export const AUTHENTICATED: ScopeRequirement = Object.freeze([Object.freeze([])]);

/**
 * Canonical form: scopes sorted and de-duplicated inside each alternative, and alternatives that
 * repeat or contain another alternative dropped (a ∨ (a ∧ b) = a). Keeps error messages and cross
 * products small, and makes equal requirements compare equal.
 */
export function normalizeRequirement(requirement: ScopeRequirement): ScopeRequirement {
  const alternatives = requirement.map((alternative) => [...new Set(alternative)].sort());
  const kept: string[][] = [];
  alternatives.forEach((candidate, index) => {
    const absorbed = alternatives.some(
      (other, otherIndex) =>
        otherIndex !== index &&
        isSubset(other, candidate) &&
        // Of two equal alternatives, keep the first one only.
        (other.length < candidate.length || otherIndex < index),
    );
    if (!absorbed) kept.push(candidate);
  });
  return kept;
}

/**
 * The requirement met exactly when both are met (AND): the cross product of their alternatives,
 * each pair united, normalized.
 */
export function combineRequirements(left: ScopeRequirement, right: ScopeRequirement): ScopeRequirement {
  const product: string[][] = [];
  for (const a of left) {
    for (const b of right) product.push([...a, ...b]);
  }
  return normalizeRequirement(product);
}

/** AND of any number of requirements; `undefined` entries (no requirement) are skipped. */
export function combineAll(requirements: readonly (ScopeRequirement | undefined)[]): ScopeRequirement | undefined {
  let combined: ScopeRequirement | undefined;
  for (const requirement of requirements) {
    if (requirement === undefined) continue;
    combined = combined === undefined ? normalizeRequirement(requirement) : combineRequirements(combined, requirement);
  }
  return combined;
}

/**
 * The first alternative of `requirement` that `scopes` satisfy (every scope of it granted), or
 * undefined. This is the one scope decision of every door: the `@auth` directive, export
 * downloads, MCP tools; the alternative is what a passed check relied on.
 */
export function satisfiedAlternative(
  requirement: ScopeRequirement,
  scopes: ReadonlySet<string>,
): readonly string[] | undefined {
  return requirement.find((alternative) => alternative.every((scope) => scopes.has(scope)));
}

/** Whether a set of granted scopes satisfies the requirement (some alternative fully granted). */
export function isSatisfied(requirement: ScopeRequirement, scopes: ReadonlySet<string>): boolean {
  return satisfiedAlternative(requirement, scopes) !== undefined;
}

/**
 * The scopes still lacking from the alternative nearest to granted (fewest missing), so a refusal
 * can name what to ask for. Empty when the requirement is satisfied, and also for a requirement with
 * no alternative, which nothing satisfies: decide with {@link isSatisfied}.
 */
export function missingScopes(requirement: ScopeRequirement, scopes: ReadonlySet<string>): string[] {
  const lacking = requirement.map((alternative) => alternative.filter((scope) => !scopes.has(scope)));
  lacking.sort((a, b) => a.length - b.length);
  return lacking[0] ?? [];
}

/** Whether the requirement asks for authentication only, with no scope. */
export function isAuthenticationOnly(requirement: ScopeRequirement): boolean {
  return requirement.some((alternative) => alternative.length === 0);
}

/**
 * Human-readable form for error messages: `scope a`, `scopes a and b`, `scope a, or scopes b and c`.
 * Assumes a requirement that asks for at least one scope.
 */
export function describeRequirement(requirement: ScopeRequirement): string {
  return requirement
    .map((alternative) => `${alternative.length === 1 ? 'scope' : 'scopes'} ${alternative.join(' and ')}`)
    .join(', or ');
}

function isSubset(small: readonly string[], large: readonly string[]): boolean {
  return small.every((scope) => large.includes(scope));
}
