import { createHmac } from 'node:crypto';
import { base64url, type JWTPayload } from 'jose';
import { TokenRejectedError, type TokenRejectionReason } from '../../../src/auth/token-errors';
import { createTokenVerifier, type TokenVerifierOptions } from '../../../src/auth/token-verifier';
import { generateTestKey, KeyServer, type TestKey } from './key-server';

const audience = 'looker-subgraph';
const now = new Date('2030-01-01T00:00:00Z');
const nowSeconds = now.getTime() / 1000;

let server: KeyServer;
let key: TestKey;
let ecKey: TestKey;

beforeAll(async () => {
  server = await KeyServer.start();
  key = await generateTestKey('rsa-1');
  ecKey = await generateTestKey('ec-1', 'ES256');
  server.keys = [key.publicJwk, ecKey.publicJwk];
});

afterAll(async () => {
  await server.close();
});

function verifier(options: Partial<TokenVerifierOptions> = {}) {
  return createTokenVerifier({ issuer: server.issuer, audience, currentDate: () => now, ...options });
}

function claims(extra: JWTPayload = {}): JWTPayload {
  return {
    iss: server.issuer,
    aud: audience,
    sub: 'user-1',
    client_id: 'app-1',
    scope: 'looker:content:read looker:data:read',
    iat: nowSeconds - 60,
    exp: nowSeconds + 3600,
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<TokenRejectedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenRejectedError) return error;
    throw error;
  }
  throw new Error('the token was accepted');
}

async function reasonFor(token: string, options: Partial<TokenVerifierOptions> = {}): Promise<TokenRejectionReason> {
  return (await rejection(verifier(options).verify(token))).reason;
}

describe('createTokenVerifier', () => {
  it('turns a valid token into a principal', async () => {
    const token = await server.sign(key, claims({ groups: ['analysts'] }), { typ: 'at+jwt' });
    const principal = await verifier().verify(token);
    expect(principal.subject).toBe('user-1');
    expect(principal.clientId).toBe('app-1');
    expect([...principal.scopes]).toEqual(['looker:content:read', 'looker:data:read']);
    expect(principal.claims['groups']).toEqual(['analysts']);
    expect(Object.isFrozen(principal.claims)).toBe(true);
  });

  it('takes the client from azp when client_id is absent, and scopes from scp and the extra claim', async () => {
    const token = await server.sign(
      ecKey,
      claims({ client_id: undefined, azp: 'spa', scope: undefined, scp: ['a'], permissions: 'b c' }),
    );
    const principal = await verifier({ scopeClaim: 'permissions' }).verify(token);
    expect(principal.clientId).toBe('spa');
    expect([...principal.scopes].sort()).toEqual(['a', 'b', 'c']);
  });

  it('accepts any of several audiences', async () => {
    const token = await server.sign(key, claims({ aud: ['other-api', audience] }));
    await expect(verifier({ audience: ['x', audience] }).verify(token)).resolves.toMatchObject({ subject: 'user-1' });
  });

  it.each<[string, JWTPayload, TokenRejectionReason]>([
    ['a foreign issuer', { iss: 'https://evil.example' }, 'issuer'],
    ['no issuer', { iss: undefined }, 'issuer'],
    ['a foreign audience', { aud: 'another-api' }, 'audience'],
    ['no audience', { aud: undefined }, 'audience'],
    ['no subject', { sub: undefined }, 'claims'],
    ['an empty subject', { sub: '' }, 'claims'],
    ['no expiry', { exp: undefined }, 'claims'],
    ['a non-numeric expiry', { exp: 'tomorrow' as unknown as number }, 'claims'],
    ['a numeric client_id', { client_id: 7 }, 'claims'],
    ['a numeric scope', { scope: 7 }, 'claims'],
    ['an expiry beyond the tolerance', { exp: nowSeconds - 31 }, 'expired'],
    ['nbf beyond the tolerance', { nbf: nowSeconds + 31 }, 'not_yet_valid'],
    ['iat beyond the tolerance', { iat: nowSeconds + 31 }, 'not_yet_valid'],
  ])('refuses a token with %s', async (_name, extra, reason) => {
    expect(await reasonFor(await server.sign(key, claims(extra)))).toBe(reason);
  });

  it('tolerates clock skew up to the configured tolerance', async () => {
    const token = await server.sign(key, claims({ exp: nowSeconds - 29, nbf: nowSeconds + 29, iat: nowSeconds + 29 }));
    await expect(verifier().verify(token)).resolves.toMatchObject({ subject: 'user-1' });
    const late = await server.sign(key, claims({ exp: nowSeconds - 29 }));
    expect(await reasonFor(late, { clockToleranceSeconds: 0 })).toBe('expired');
    const early = await server.sign(key, claims({ iat: nowSeconds + 29 }));
    expect(await reasonFor(early, { clockToleranceSeconds: 0 })).toBe('not_yet_valid');
  });

  it('enforces the algorithm allow-list, and never accepts none', async () => {
    const es = await server.sign(ecKey, claims());
    expect(await reasonFor(es, { algorithms: ['RS256'] })).toBe('algorithm');
    const unsigned = `${base64url.encode(JSON.stringify({ alg: 'none' }))}.${base64url.encode(JSON.stringify(claims()))}.`;
    expect(await reasonFor(unsigned)).toBe('algorithm');
  });

  it('refuses an HMAC token signed with the public key as the secret', async () => {
    const payload = `${base64url.encode(JSON.stringify({ alg: 'HS256', kid: key.kid }))}.${base64url.encode(JSON.stringify(claims()))}`;
    const mac = createHmac('sha256', JSON.stringify(key.publicJwk)).update(payload).digest('base64url');
    expect(await reasonFor(`${payload}.${mac}`)).toBe('algorithm');
  });

  it('refuses misuse of its options with TypeError', () => {
    expect(() => verifier({ algorithms: ['none'] })).toThrow(TypeError);
    expect(() => verifier({ algorithms: ['RS256', 'HS256'] })).toThrow(TypeError);
    expect(() => verifier({ algorithms: [] })).toThrow(TypeError);
    expect(() => verifier({ audience: [] })).toThrow(TypeError);
    expect(() => verifier({ clockToleranceSeconds: -1 })).toThrow(TypeError);
  });

  it('refuses a key the JWKS does not publish, and never fetches keys from jku or jwk headers', async () => {
    const attacker = await KeyServer.start();
    try {
      const rogue = await generateTestKey('rsa-1');
      attacker.keys = [rogue.publicJwk];
      const token = await attacker.sign(rogue, claims(), { jku: attacker.jwksUri, jwk: rogue.publicJwk });
      expect(await reasonFor(token)).toBe('signature');
      const unknownKid = await attacker.sign(rogue, claims(), { kid: 'never-published' });
      expect(await reasonFor(unknownKid)).toBe('signature');
      expect(attacker.hits.size).toBe(0);
    } finally {
      await attacker.close();
    }
  });

  it('checks the token type only when asked to', async () => {
    const strict = { requireAccessTokenType: true };
    for (const typ of ['at+jwt', 'application/at+jwt', 'JWT', undefined]) {
      const token = await server.sign(key, claims(), typ === undefined ? {} : { typ });
      await expect(verifier(strict).verify(token)).resolves.toMatchObject({ subject: 'user-1' });
    }
    const dpop = await server.sign(key, claims(), { typ: 'dpop+jwt' });
    expect(await reasonFor(dpop, strict)).toBe('token_type');
    await expect(verifier().verify(dpop)).resolves.toMatchObject({ subject: 'user-1' });
    const idToken = await server.sign(key, claims({ nonce: 'n-0S6_WzA2Mj', at_hash: 'x' }), { typ: 'JWT' });
    expect(await reasonFor(idToken, strict)).toBe('token_type');
  });

  it('never puts the token or its parts into the error message', async () => {
    const token = await server.sign(key, claims({ aud: 'another-api', sub: 'very-private-subject' }));
    const error = await rejection(verifier().verify(token));
    const text = `${error.message} ${String(error)} ${JSON.stringify(error)} ${error.stack ?? ''}`;
    for (const part of token.split('.')) expect(text).not.toContain(part.slice(0, 16));
    expect(text).not.toContain('very-private-subject');
    expect(error.cause).toBeUndefined();
  });
});

describe('key discovery', () => {
  it('discovers the JWKS on first use, once, and caches it', async () => {
    const own = await KeyServer.start();
    try {
      own.keys = [key.publicJwk];
      const v = createTokenVerifier({ issuer: own.issuer, audience, currentDate: () => now });
      expect(own.hits.size).toBe(0);
      const token = await own.sign(key, claims({ iss: own.issuer }));
      await v.verify(token);
      await v.verify(token);
      expect(own.hits.get('/issuer/.well-known/openid-configuration')).toBe(1);
      expect(own.hits.get('/issuer/jwks')).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('retries a failed discovery on the next verification', async () => {
    const own = await KeyServer.start();
    try {
      own.keys = [key.publicJwk];
      own.failDiscovery = 1;
      const v = createTokenVerifier({ issuer: own.issuer, audience, currentDate: () => now });
      const token = await own.sign(key, claims({ iss: own.issuer }));
      expect((await rejection(v.verify(token))).reason).toBe('jwks_unavailable');
      await expect(v.verify(token)).resolves.toMatchObject({ subject: 'user-1' });
      expect(own.hits.get('/issuer/.well-known/openid-configuration')).toBe(2);
    } finally {
      await own.close();
    }
  });

  it('refuses a discovery document that names another issuer', async () => {
    const own = await KeyServer.start();
    try {
      own.keys = [key.publicJwk];
      own.discoveredIssuer = 'https://someone-else.example';
      const v = createTokenVerifier({ issuer: own.issuer, audience, currentDate: () => now });
      const token = await own.sign(key, claims({ iss: own.issuer }));
      expect((await rejection(v.verify(token))).reason).toBe('jwks_unavailable');
      expect(own.hits.get('/issuer/jwks')).toBeUndefined();
    } finally {
      await own.close();
    }
  });

  it('uses a configured jwksUri without discovery, and reports an unreachable one', async () => {
    const token = await server.sign(key, claims());
    const before = server.hits.get('/issuer/.well-known/openid-configuration') ?? 0;
    await expect(verifier({ jwksUri: server.jwksUri }).verify(token)).resolves.toMatchObject({ subject: 'user-1' });
    expect(server.hits.get('/issuer/.well-known/openid-configuration') ?? 0).toBe(before);

    const gone = await KeyServer.start();
    const unreachable = gone.jwksUri;
    await gone.close();
    expect(await reasonFor(token, { jwksUri: unreachable })).toBe('jwks_unavailable');
  });

  it('picks up a new key on an unknown kid once the cooldown allows a refetch', async () => {
    const own = await KeyServer.start();
    try {
      const next = await generateTestKey('rsa-2');
      own.keys = [key.publicJwk];
      const options = { issuer: own.issuer, audience, currentDate: () => now, jwksUri: own.jwksUri };
      const eager = createTokenVerifier({ ...options, jwks: { cooldownDuration: 0 } });
      const patient = createTokenVerifier(options);
      await eager.verify(await own.sign(key, claims({ iss: own.issuer })));
      await patient.verify(await own.sign(key, claims({ iss: own.issuer })));
      own.keys = [next.publicJwk, key.publicJwk];
      const rotated = await own.sign(next, claims({ iss: own.issuer }));
      await expect(eager.verify(rotated)).resolves.toMatchObject({ subject: 'user-1' });
      // Within the default 30 s cooldown an unknown kid does not trigger another fetch.
      expect((await rejection(patient.verify(rotated))).reason).toBe('signature');
      expect(own.hits.get('/issuer/jwks')).toBe(3);
    } finally {
      await own.close();
    }
  });
});
