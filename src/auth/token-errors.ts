/**
 * Why a bearer token was refused. Stable codes, safe to log and to count; the request itself is
 * answered with one generic `UNAUTHENTICATED` error whatever the reason.
 */
export type TokenRejectionReason =
  /** No bearer token in the request. */
  | 'missing'
  /** Not a compact JWS, too large, not JSON, or an `Authorization` header we cannot read. */
  | 'malformed'
  /** The signature does not verify, or no key of the issuer's JWKS matches the token. */
  | 'signature'
  /** `exp` is past (beyond the clock tolerance). */
  | 'expired'
  /** `nbf` or `iat` lies in the future (beyond the clock tolerance). */
  | 'not_yet_valid'
  /** `iss` is missing or not the configured issuer. */
  | 'issuer'
  /** `aud` is missing or names none of the configured audiences. */
  | 'audience'
  /** The `alg` header is not on the allow-list (this includes `none` and HMAC algorithms). */
  | 'algorithm'
  /** A claim we rely on is missing or has the wrong type (`sub`, `scope`, `scp`, `client_id`...). */
  | 'claims'
  /** The token is not an access token (`typ` header, or ID-token claims), when that is enforced. */
  | 'token_type'
  /** The issuer's discovery document or JWKS could not be fetched or read. */
  | 'jwks_unavailable';

const messages: Readonly<Record<TokenRejectionReason, string>> = {
  missing: 'no bearer token was presented',
  malformed: 'the bearer token is malformed',
  signature: 'the token signature could not be verified',
  expired: 'the token has expired',
  not_yet_valid: 'the token is not valid yet',
  issuer: 'the token was not issued by the expected issuer',
  audience: 'the token is not intended for this audience',
  algorithm: 'the token is signed with an algorithm that is not allowed',
  claims: 'the token lacks a required claim or carries an invalid one',
  token_type: 'the token is not an access token',
  jwks_unavailable: "the issuer's signing keys are unavailable",
};

/**
 * Thrown when a bearer token is refused. Its message is chosen from a fixed list per reason (plus,
 * at most, the name of the offending claim), so it never contains the token or any part of it and
 * is safe to log. The underlying library error is deliberately not attached as `cause`: jose's
 * claim errors carry the decoded payload.
 */
export class TokenRejectedError extends Error {
  /** Stable code for this class of error, in the style of jose's `code`. */
  static readonly code = 'ERR_TOKEN_REJECTED';
  /** Stable code for this class of error. */
  readonly code = TokenRejectedError.code;
  /** Why the token was refused. */
  readonly reason: TokenRejectionReason;
  /** The claim or header parameter at fault, when there is one (`exp`, `aud`, `typ`...). */
  readonly claim: string | undefined;

  constructor(reason: TokenRejectionReason, claim?: string) {
    super(claim === undefined ? messages[reason] : `${messages[reason]} (${claim})`);
    this.name = 'TokenRejectedError';
    this.reason = reason;
    this.claim = claim;
  }
}

/** True when `error` is a {@link TokenRejectedError}, optionally with the given reason. */
export function isTokenRejected(error: unknown, reason?: TokenRejectionReason): error is TokenRejectedError {
  return error instanceof TokenRejectedError && (reason === undefined || error.reason === reason);
}
