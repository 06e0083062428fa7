/**
 * Reading the claim a rule looks at. IdPs disagree on shape: Okta and Entra ID emit `groups` as an
 * array, some emit a space-separated string, Keycloak nests roles under `realm_access.roles`, and
 * Auth0 requires URL-like names that contain dots (`https://example.com/groups`).
 */

/**
 * The value of a claim by name. The name is first looked up as one top-level claim (so dotted
 * names such as `https://example.com/groups` work); failing that, it is read as a dotted path into
 * nested objects (`realm_access.roles`). Only own properties are followed, never the prototype.
 */
export function readClaim(claims: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  if (!name.includes('.')) return undefined;
  let node: unknown = claims;
  for (const segment of name.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * Whether a claim value holds one of `wanted`. An array matches element by element (exact,
 * case-sensitive; non-string elements are ignored). A string matches as a whole or by any of its
 * space-separated parts. Any other type (number, boolean, object, absent) matches nothing.
 */
export function claimIncludes(value: unknown, wanted: readonly string[]): boolean {
  if (Array.isArray(value)) return value.some((item) => typeof item === 'string' && wanted.includes(item));
  if (typeof value !== 'string') return false;
  if (wanted.includes(value)) return true;
  return value.split(/\s+/).some((part) => part !== '' && wanted.includes(part));
}
