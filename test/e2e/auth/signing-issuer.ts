import { createPrivateKey, createPublicKey, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { generateSigningJwk } from '../../../demo/signing-keys';
import { createDemoIssuer } from '../../../demo/oidc-issuer';

/** A private signing key as the issuer holds it, and its public half as the JWKS publishes it. */
export interface IssuerKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: KeyObject;
  readonly publicJwk: JWK;
}

/**
 * The demo issuer on an express app on a free loopback port, mounted at `/oidc`, with signing keys
 * the test holds (an RS256 key that the issuer signs with, and an ES256 key it also publishes), so
 * the test can mint any token the real issuer's keys could sign. Counts the requests per path.
 */
export interface SigningIssuer {
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly rsa: IssuerKey;
  readonly ec: IssuerKey;
  /** Requests received, per path (discovery, JWKS, token...). */
  readonly hits: Map<string, number>;
  /** The total of {@link hits}. */
  requestCount(): number;
  close(): Promise<void>;
}

const signingAlgorithms: Readonly<Record<string, IssuerKey['alg']>> = { RS256: 'RS256', ES256: 'ES256' };

/** Makes an {@link IssuerKey} from a private JWK. */
export function issuerKeyOf(privateJwk: JWK): IssuerKey {
  const { kid } = privateJwk;
  const alg = signingAlgorithms[String(privateJwk.alg)];
  if (kid === undefined || alg === undefined) throw new TypeError('the JWK needs a kid and RS256/ES256');
  const privateKey = createPrivateKey({ key: privateJwk as JsonWebKey, format: 'jwk' });
  const publicJwk = { ...(createPublicKey(privateKey).export({ format: 'jwk' }) as JWK), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk };
}

/** Generates an ES256 private JWK whose `kid` is its thumbprint. */
export async function generateEcSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
}

/**
 * Signs any header and payload as a compact JWS with `key`, with no check of what goes in: the
 * header may carry `crit`, `b64`, `jku`... which jose's signing API rightly refuses to produce.
 * `payload` is an object (JSON-encoded, then base64url) or an already encoded segment.
 */
export function signCompact(
  key: IssuerKey,
  header: Record<string, unknown>,
  payload: Record<string, unknown> | string,
): string {
  const encodedHeader = base64url.encode(JSON.stringify({ alg: key.alg, kid: key.kid, ...header }));
  const encodedPayload = typeof payload === 'string' ? payload : base64url.encode(JSON.stringify(payload));
  const input = Buffer.from(`${encodedHeader}.${encodedPayload}`);
  const signature =
    key.alg === 'RS256'
      ? sign('sha256', input, key.privateKey)
      : sign('sha256', input, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${encodedHeader}.${encodedPayload}.${base64url.encode(signature)}`;
}

/** Starts the demo issuer with test-held keys; see {@link SigningIssuer}. */
export async function startSigningIssuer(audience: string): Promise<SigningIssuer> {
  const [rsaJwk, ecJwk] = [await generateSigningJwk(), await generateEcSigningJwk()];
  const hits = new Map<string, number>();
  const app = express();
  app.use((req, _res, next) => {
    hits.set(req.path, (hits.get(req.path) ?? 0) + 1);
    next();
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  // The first key signs the issuer's own tokens (RS256); the EC key is published beside it.
  const demo = await createDemoIssuer({
    issuer: `http://127.0.0.1:${port}/oidc`,
    audience,
    jwks: { keys: [rsaJwk, ecJwk] },
  });
  app.use('/oidc', demo.callback);
  return {
    issuer: demo.issuer,
    tokenEndpoint: `${demo.issuer}/token`,
    rsa: issuerKeyOf(rsaJwk),
    ec: issuerKeyOf(ecJwk),
    hits,
    requestCount: () => [...hits.values()].reduce((sum, n) => sum + n, 0),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
