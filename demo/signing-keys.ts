import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** A private JSON Web Key Set, as oidc-provider's `jwks` option takes it. */
export interface SigningKeySet {
  readonly keys: readonly JWK[];
}

/**
 * Generates an RS256 signing key pair and returns its private JWK with `kid` (the key's RFC 7638
 * thumbprint), `alg` and `use` set. Build an issuer with `[newKey, ...oldKeys]` to rotate: the
 * first key signs, the others are still published so tokens they signed keep verifying.
 */
export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}
