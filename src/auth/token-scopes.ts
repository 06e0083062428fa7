import type { JWTPayload } from 'jose';
import { TokenRejectedError } from './token-errors';

/**
 * Reads the scopes a verified token grants: `scope` (space separated, RFC 8693/9068), `scp` (array
 * or space-separated string, as Okta and Entra ID issue it) and, when configured, one extra claim
 * in either form. A claim of any other type refuses the token (`claims`) rather than granting
 * nothing silently, so a misconfigured IdP is noticed.
 */
export function readTokenScopes(claims: JWTPayload, scopeClaim?: string): Set<string> {
  const scopes = new Set<string>();
  const names = ['scope', 'scp'];
  if (scopeClaim !== undefined && !names.includes(scopeClaim)) names.push(scopeClaim);
  for (const name of names) {
    for (const scope of scopeValues(claims[name], name)) scopes.add(scope);
  }
  return scopes;
}

function scopeValues(value: unknown, claim: string): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return splitScopes(value);
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) {
    return value.flatMap(splitScopes);
  }
  throw new TokenRejectedError('claims', claim);
}

function splitScopes(value: string): string[] {
  return value.split(/\s+/).filter((scope) => scope !== '');
}
