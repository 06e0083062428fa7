import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { TokenRejectedError } from './token-errors';

/**
 * Header parameters an access token of ours may not carry, with why:
 * - `crit`: it names extensions the verifier must understand or refuse (RFC 7515 §4.1.11); we
 *   implement none, and jose would only refuse an unknown one after looking its key up.
 * - `b64`: the unencoded-payload option (RFC 7797) is forbidden for JWTs, and jose refuses it only
 *   after checking the signature.
 */
const forbiddenParameters = ['crit', 'b64'] as const;

/**
 * Decodes the protected header of a compact token and refuses, before any key lookup or signature
 * check, a header that is not a JSON object or that uses a JWS extension (`malformed`, naming the
 * parameter). Key-locating parameters (`jku`, `x5u`, `jwk`, `x5c`) are not refused here: they are
 * never used, because keys come only from the issuer's JWKS, so a token carrying them verifies or
 * fails on that JWKS alone.
 */
export function assertAcceptableHeader(token: string): void {
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new TokenRejectedError('malformed');
  }
  for (const parameter of forbiddenParameters) {
    if (Object.hasOwn(header, parameter)) throw new TokenRejectedError('malformed', parameter);
  }
}
