import { TokenRejectedError } from './token-errors';

/**
 * Largest token we are willing to parse, in bytes. Real access tokens are a few hundred bytes to a
 * few KiB; refusing anything larger before decoding bounds the work an anonymous caller can cause.
 */
export const MAX_TOKEN_BYTES = 8 * 1024;

/** RFC 6750 `b64token`: the only characters a bearer credential may contain. */
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;
/** A compact JWS: three base64url segments (the last may be empty only for `alg: none`). */
const compactJws = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Extracts the bearer token from an `Authorization` header value (`Bearer <token>`, scheme
 * case-insensitive). No header, an empty one, or another scheme (`Basic`...) → `missing`; a
 * `Bearer` header without exactly one well-formed credential, repeated headers, or an oversized
 * token → `malformed`.
 */
export function extractBearerToken(header: string | readonly string[] | undefined): string {
  if (header === undefined) throw new TokenRejectedError('missing');
  // Several Authorization headers make the credential ambiguous (RFC 6750 §2: one method only).
  if (typeof header !== 'string') throw new TokenRejectedError('malformed');
  const value = header.trim();
  if (value === '') throw new TokenRejectedError('missing');

  const [scheme = '', ...rest] = value.split(/[ \t]+/);
  if (scheme.toLowerCase() !== 'bearer') throw new TokenRejectedError('missing');
  if (rest.length !== 1) throw new TokenRejectedError('malformed');
  const token = rest[0] ?? '';
  assertTokenShape(token);
  return token;
}

/**
 * Cheap checks before any decoding: present, at most {@link MAX_TOKEN_BYTES}, RFC 6750 characters,
 * and the three-segment shape of a compact JWS. A JWE or an opaque token is refused here.
 */
export function assertTokenShape(token: string): void {
  // The type says string, but the value may come from untyped code (a header parser, JSON).
  if (typeof token !== 'string') throw new TokenRejectedError('malformed');
  if (token === '') throw new TokenRejectedError('missing');
  // Size first, so a huge string is never scanned by a regex. Length in UTF-16 units bounds the
  // byte count only for ASCII, which b64token enforces just below.
  if (token.length > MAX_TOKEN_BYTES) throw new TokenRejectedError('malformed');
  if (!b64token.test(token) || !compactJws.test(token)) throw new TokenRejectedError('malformed');
}
