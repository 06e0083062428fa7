/** A value as an RFC 9110 §5.6.4 quoted-string: backslash and double quote escaped. */
function quotedString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The `WWW-Authenticate` challenge of a request to `/mcp` without a valid token (RFC 6750 §3, with
 * RFC 9728 §5.1's `resource_metadata`); every auth-param value is a quoted-string, escaped.
 */
export function bearerChallenge(options: { realm: string; resourceMetadataUrl: string; invalidToken: boolean }): string {
  const params = [`realm=${quotedString(options.realm)}`, ...(options.invalidToken ? ['error="invalid_token"'] : []), `resource_metadata=${quotedString(options.resourceMetadataUrl)}`];
  return `Bearer ${params.join(', ')}`;
}
