/**
 * Reading the claim a rule looks at. IdPs disagree on shape: Okta and Entra ID emit `groups` as an
 * array, some emit a space-separated string, Keycloak nests roles under `realm_access.roles`, and
 * Auth0 requires namespaced names that contain dots (`https://example.com/groups`).
 */

/**
 * The value of a claim by name, with one meaning per name so that no claim can stand in for
 * another: a name with a `/` (a namespaced claim such as `https://example.com/groups`) is one
 * top-level claim; otherwise dots separate the keys of nested objects (`realm_access.roles`), and a
 * top-level claim whose own name contains a dot (`"org.region"`) is never read for `org.region`,
 * so whoever can add claims of their own naming cannot shadow, or stand in for, the nested one.
 * Only own properties are followed, never the prototype.
 */
export function readClaim(claims: Readonly<Record<string, unknown>>, name: string): unknown {
  const path = name.includes('/') ? [name] : name.split('.');
  let node: unknown = claims;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, segment))
      return undefined;
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
