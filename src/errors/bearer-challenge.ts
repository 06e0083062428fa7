/** The realm of every `WWW-Authenticate` challenge this server sends: one protection space. */
export const authRealm = 'looker-subgraph';

/** What a challenge says besides its realm (RFC 6750 §3, RFC 9728 §5.1). */
export interface ChallengeParams {
  /** `invalid_token` when a token was sent and refused; absent when none was sent (RFC 6750 §3.1). */
  readonly error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  readonly errorDescription?: string;
  /** The scopes the resource needs, space separated. */
  readonly scope?: string;
  /** Where the protected resource's metadata is (RFC 9728), so a client can find the issuer. */
  readonly resourceMetadata?: string;
}

/**
 * A value as an RFC 9110 §5.6.4 quoted-string. Backslash and double quote are escaped, and control
 * characters (which a quoted-string may not hold) become a space. So no value can close the string
 * and add a parameter of its own.
 */
function quotedString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${value.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ' ').replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The `WWW-Authenticate` Bearer challenge of every 401 this server answers (GraphQL, exports, MCP,
 * operator routes). It holds `realm`, then `error`, `error_description`, `scope` and
 * `resource_metadata` where given, every value a quoted-string.
 */
export function bearerChallenge(params: ChallengeParams = {}): string {
  const named: [string, string | undefined][] = [
    ['realm', authRealm],
    ['error', params.error],
    ['error_description', params.errorDescription],
    ['scope', params.scope],
    ['resource_metadata', params.resourceMetadata],
  ];
  return `Bearer ${named.flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${quotedString(value)}`])).join(', ')}`;
}

/** The challenge to a request without a valid token: `invalid_token` when one was sent and refused. */
export function tokenChallenge(tokenRefused: boolean, params: Omit<ChallengeParams, 'error'> = {}): string {
  return bearerChallenge({ ...params, ...(tokenRefused ? { error: 'invalid_token' as const } : {}) });
}
