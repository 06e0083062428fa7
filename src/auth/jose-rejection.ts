import { errors } from 'jose';
import { TokenRejectedError, type TokenRejectionReason } from './token-errors';

/** Claim (or header parameter) named by jose's claim-validation errors → our reason. */
const claimReasons: Readonly<Record<string, TokenRejectionReason>> = {
  iss: 'issuer',
  aud: 'audience',
  nbf: 'not_yet_valid',
  iat: 'not_yet_valid',
  exp: 'expired',
  typ: 'token_type',
};

/**
 * Translates whatever jose threw while verifying a token into a {@link TokenRejectedError}. Only
 * the reason and the claim name survive: jose's messages are safe, but its claim errors carry the
 * decoded payload, which must not travel into logs with the error.
 */
export function toTokenRejection(error: unknown): TokenRejectedError {
  if (error instanceof TokenRejectedError) return error;
  if (error instanceof errors.JWTExpired) return new TokenRejectedError('expired', error.claim);
  if (error instanceof errors.JWTClaimValidationFailed) {
    const { claim, reason } = error;
    // A missing `iss` or `aud` is as wrong as a foreign one; any other claim that is absent or of
    // the wrong type (`exp: "soon"`) makes a malformed claim set.
    if (claim !== 'iss' && claim !== 'aud' && (reason === 'missing' || reason === 'invalid')) {
      return new TokenRejectedError('claims', claim);
    }
    return new TokenRejectedError(claimReasons[claim] ?? 'claims', claim);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new TokenRejectedError('algorithm');
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new TokenRejectedError('signature');
  }
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) {
    return new TokenRejectedError('malformed');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new TokenRejectedError('jwks_unavailable');
  }
  // Anything else (a decoding TypeError on hostile input, an unexpected jose error) still ends in
  // a refusal: a verifier must fail closed.
  return new TokenRejectedError('malformed');
}

/**
 * Classifies an error thrown by the remote key set itself. Not finding a key is the token's fault
 * (`signature`); failing to fetch, parse or import the key set is the issuer's (`jwks_unavailable`).
 */
export function toKeyResolutionRejection(error: unknown): unknown {
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return error;
  }
  return new TokenRejectedError('jwks_unavailable');
}
