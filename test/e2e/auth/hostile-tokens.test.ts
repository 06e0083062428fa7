import { createHash, createHmac, createPublicKey } from 'node:crypto';
import { base64url, type JWK } from 'jose';
import { TokenRejectedError, type TokenRejectionReason } from '../../../src/auth/token-errors';
import { createTokenVerifier, type TokenVerifierOptions } from '../../../src/auth/token-verifier';
import { generateSigningJwk } from '../../../demo/signing-keys';
import { KeyServer } from '../../unit/auth/key-server';
import { issuerKeyOf, signCompact, startSigningIssuer, type IssuerKey, type SigningIssuer } from './signing-issuer';

const audience = 'looker-subgraph';
const now = new Date('2030-01-01T00:00:00Z');
const nowSeconds = now.getTime() / 1000;
/** The order of the P-256 group: r = s = n is, like r = s = 0, a degenerate ECDSA signature. */
const p256Order = Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex');

let issuer: SigningIssuer;
let attacker: KeyServer;
let rogue: IssuerKey;
/** The issuer's RSA public key exactly as its JWKS serves it. */
let servedJwk: JWK;

beforeAll(async () => {
  [issuer, attacker] = await Promise.all([startSigningIssuer(audience), KeyServer.start()]);
  rogue = issuerKeyOf(await generateSigningJwk());
  attacker.keys = [rogue.publicJwk];
  const jwks = (await (await fetch(`${issuer.issuer}/jwks`)).json()) as { keys: JWK[] };
  const served = jwks.keys.find((k) => k.kid === issuer.rsa.kid);
  if (served === undefined) throw new Error('the issuer does not publish its RSA key');
  servedJwk = served;
});

afterAll(async () => {
  await Promise.all([issuer.close(), attacker.close()]);
});

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: issuer.issuer,
    aud: audience,
    sub: 'demo-viewer',
    client_id: 'demo-viewer',
    scope: 'looker:content:read',
    iat: nowSeconds - 60,
    exp: nowSeconds + 600,
    ...extra,
  };
}

const segment = (value: unknown): string => base64url.encode(JSON.stringify(value));
const good = (): string => signCompact(issuer.rsa, { typ: 'at+jwt' }, claims());
const hs256 = (secret: string | Buffer): string => {
  const input = `${segment({ alg: 'HS256', typ: 'at+jwt', kid: issuer.rsa.kid })}.${segment(claims())}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};
const withSignature = (signature: Uint8Array): string =>
  `${segment({ alg: 'ES256', typ: 'at+jwt', kid: issuer.ec.kid })}.${segment(claims())}.${base64url.encode(signature)}`;
/** Deterministic "random" bytes: a SHA-256 chain from a fixed seed. */
const seededBytes = (seed: string, length: number): Buffer => {
  const chunks: Buffer[] = [];
  for (
    let block = createHash('sha256').update(seed).digest();
    chunks.length * 32 < length;
    block = createHash('sha256').update(block).digest()
  ) {
    chunks.push(block);
  }
  return Buffer.concat(chunks).subarray(0, length);
};

function verifier(options: Partial<TokenVerifierOptions> = {}) {
  return createTokenVerifier({ issuer: issuer.issuer, audience, currentDate: () => now, ...options });
}

/** Verifies with a fresh verifier; returns the refusal and how many requests reached the issuer. */
async function refusalOf(token: string, options: Partial<TokenVerifierOptions> = {}) {
  const before = issuer.requestCount();
  try {
    await verifier(options).verify(token);
  } catch (error) {
    if (!(error instanceof TokenRejectedError)) throw error;
    return { error, issuerRequests: issuer.requestCount() - before };
  }
  throw new Error('the token was accepted');
}

/** The message is one of the fixed ones, carries no cause, and repeats no 8 characters of the token. */
function expectNothingLeaks(error: TokenRejectedError, token: string): void {
  expect(error.message).toBe(new TokenRejectedError(error.reason, error.claim).message);
  expect(error.cause).toBeUndefined();
  const text = `${error.message}\n${JSON.stringify(error)}\n${error.stack ?? ''}`;
  for (const part of token.split('.')) {
    for (let at = 0; at + 8 <= part.length; at += 8) expect(text).not.toContain(part.slice(at, at + 8));
  }
}

/** [name, token, expected reason, refused before any key lookup, verifier options] */
type Case = [string, () => string, TokenRejectionReason, boolean, Partial<TokenVerifierOptions>?];

const strict = { requireAccessTokenType: true };
const cases: Case[] = [
  ['alg: none', () => `${segment({ alg: 'none', typ: 'at+jwt' })}.${segment(claims())}.`, 'algorithm', true],
  [
    'alg: NONE with a signature',
    () => `${segment({ alg: 'NONE' })}.${segment(claims())}.${base64url.encode('x')}`,
    'algorithm',
    true,
  ],
  [
    'HS256 keyed with the issuer public key as PEM',
    () => hs256(createPublicKey(issuer.rsa.privateKey).export({ type: 'spki', format: 'pem' }).toString()),
    'algorithm',
    true,
  ],
  ['HS256 keyed with the issuer JWK as served', () => hs256(JSON.stringify(servedJwk)), 'algorithm', true],
  [
    'HS256 keyed with the RSA modulus bytes',
    () => hs256(Buffer.from(servedJwk.n ?? '', 'base64url')),
    'algorithm',
    true,
  ],
  ['an unknown kid (issuer key)', () => signCompact(issuer.rsa, { kid: 'no-such-kid' }, claims()), 'signature', false],
  ['jku to the attacker JWKS', () => signCompact(rogue, { jku: attacker.jwksUri }, claims()), 'signature', false],
  [
    'jku + the real kid, attacker key',
    () => signCompact(rogue, { jku: attacker.jwksUri, kid: issuer.rsa.kid }, claims()),
    'signature',
    false,
  ],
  [
    'x5u to the attacker',
    () => signCompact(rogue, { x5u: `${attacker.issuer}/cert.pem`, kid: issuer.rsa.kid }, claims()),
    'signature',
    false,
  ],
  [
    'an embedded jwk (attacker key), no kid',
    () => signCompact(rogue, { jwk: rogue.publicJwk, kid: undefined }, claims()),
    'signature',
    false,
  ],
  [
    'an embedded jwk + the real kid',
    () => signCompact(rogue, { jwk: rogue.publicJwk, kid: issuer.rsa.kid }, claims()),
    'signature',
    false,
  ],
  [
    'the real kid, signed by an unpublished key',
    () => signCompact(rogue, { kid: issuer.rsa.kid }, claims()),
    'signature',
    false,
  ],
  ['ES256 with r = s = 0 (CVE-2022-21449)', () => withSignature(new Uint8Array(64)), 'signature', false],
  ['ES256 with r = s = n', () => withSignature(Buffer.concat([p256Order, p256Order])), 'signature', false],
  [
    'expired beyond the tolerance',
    () => signCompact(issuer.rsa, {}, claims({ exp: nowSeconds - 31 })),
    'expired',
    false,
  ],
  ['nbf in the future', () => signCompact(issuer.rsa, {}, claims({ nbf: nowSeconds + 31 })), 'not_yet_valid', false],
  ['iat in the future', () => signCompact(issuer.rsa, {}, claims({ iat: nowSeconds + 31 })), 'not_yet_valid', false],
  ['a wrong aud', () => signCompact(issuer.rsa, {}, claims({ aud: 'another-api' })), 'audience', false],
  ['a wrong iss', () => signCompact(issuer.rsa, {}, claims({ iss: attacker.issuer })), 'issuer', false],
  [
    'a tampered payload',
    () => good().replace(/\.[^.]+\./, `.${segment(claims({ scope: 'looker:sql:read' }))}.`),
    'signature',
    false,
  ],
  ['a truncated signature', () => good().slice(0, -10), 'signature', false],
  ['no signature segment', () => good().split('.').slice(0, 2).join('.'), 'malformed', true],
  ['cut inside the payload', () => good().slice(0, good().indexOf('.') + 12), 'malformed', true],
  ['random bytes', () => seededBytes('hostile', 96).toString('latin1'), 'malformed', true],
  [
    'random base64url segments',
    () => [1, 2, 3].map((n) => seededBytes(`seg${n}`, 48).toString('base64url')).join('.'),
    'malformed',
    true,
  ],
  ['empty', () => '', 'missing', true],
  ['a.b', () => 'a.b', 'malformed', true],
  ['a.b.c.d', () => 'a.b.c.d', 'malformed', true],
  ['a non-JSON header', () => `${base64url.encode('not json')}.${segment(claims())}.c2ln`, 'malformed', true],
  ['a JSON array header', () => `${base64url.encode('["RS256"]')}.${segment(claims())}.c2ln`, 'malformed', true],
  ['a 20 KiB header', () => signCompact(issuer.rsa, { pad: 'x'.repeat(20 * 1024) }, claims()), 'malformed', true],
  [
    'crit with an unknown extension',
    () => signCompact(issuer.rsa, { crit: ['x-mode'], 'x-mode': 1 }, claims()),
    'malformed',
    true,
  ],
  ['b64: false, critical', () => signCompact(issuer.rsa, { b64: false, crit: ['b64'] }, claims()), 'malformed', true],
  ['b64: false, not critical', () => signCompact(issuer.rsa, { b64: false }, claims()), 'malformed', true],
  [
    'typ JWT + nonce (an ID token)',
    () => signCompact(issuer.rsa, { typ: 'JWT' }, claims({ nonce: 'n-0S6' })),
    'token_type',
    false,
    strict,
  ],
  ['at_hash (an ID token)', () => signCompact(issuer.rsa, {}, claims({ at_hash: 'x1' })), 'token_type', false, strict],
  ['typ dpop+jwt', () => signCompact(issuer.rsa, { typ: 'dpop+jwt' }, claims()), 'token_type', false, strict],
  ['typ secevent+jwt', () => signCompact(issuer.rsa, { typ: 'secevent+jwt' }, claims()), 'token_type', false, strict],
  [
    'an ID token for a client (aud = client id)',
    () => signCompact(issuer.rsa, { typ: 'JWT' }, claims({ aud: 'demo-spa', nonce: 'n' })),
    'audience',
    false,
  ],
];

describe('hostile tokens against the demo issuer and the real verifier', () => {
  it('accepts the honest tokens the hostile ones are made from (RS256 and the published ES256 key)', async () => {
    await expect(verifier(strict).verify(good())).resolves.toMatchObject({ subject: 'demo-viewer' });
    const es = signCompact(issuer.ec, { typ: 'at+jwt' }, claims());
    await expect(verifier(strict).verify(es)).resolves.toMatchObject({ subject: 'demo-viewer' });
  });

  // One argument per row besides the name: jest would take a fifth parameter for a `done` callback.
  it.each(cases.map((row) => [row[0], row] as const))(
    'refuses %s',
    async (_name, [, build, reason, beforeKeyLookup, options]) => {
      const token = build();
      const { error, issuerRequests } = await refusalOf(token, options);
      expect(error.reason).toBe(reason);
      expectNothingLeaks(error, token);
      // A token refused on its form never makes the verifier discover or fetch the issuer's keys.
      if (beforeKeyLookup) expect(issuerRequests).toBe(0);
      expect(attacker.hits.size).toBe(0);
    },
  );

  it('names the refused header parameter of crit and b64 tokens, and the claim of ID-token shapes', async () => {
    expect((await refusalOf(signCompact(issuer.rsa, { crit: ['exp'] }, claims()))).error.claim).toBe('crit');
    expect((await refusalOf(signCompact(issuer.rsa, { b64: true }, claims()))).error.claim).toBe('b64');
    expect((await refusalOf(signCompact(issuer.rsa, {}, claims({ nonce: 'n' })), strict)).error.claim).toBe('nonce');
  });

  it('never asked the attacker server for anything', () => {
    expect([...attacker.hits.keys()]).toEqual([]);
  });
});
