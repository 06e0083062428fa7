import { base64url, type JWTPayload } from 'jose';
import { TokenRejectedError, type TokenRejectionReason } from '../../../src/auth/token-errors';
import { createTokenVerifier, type TokenVerifierOptions } from '../../../src/auth/token-verifier';
import { tokenCacheKey } from '../../../src/auth/verified-token-cache';
import { generateTestKey, KeyServer, type TestKey } from './key-server';

const audience = 'looker-subgraph';
const start = new Date('2030-01-01T00:00:00Z');
const startSeconds = start.getTime() / 1000;

let server: KeyServer;
let key: TestKey;
let ecKey: TestKey;
let clock: Date;

beforeAll(async () => {
  server = await KeyServer.start();
  [key, ecKey] = await Promise.all([generateTestKey('rsa-1'), generateTestKey('ec-1', 'ES256')]);
});

beforeEach(() => {
  server.keys = [key.publicJwk, ecKey.publicJwk];
  server.hits.clear();
  clock = start;
});

afterAll(async () => {
  await server.close();
});

const at = (secondsAfterStart: number): Date => new Date((startSeconds + secondsAfterStart) * 1000);

/**
 * A verifier whose key set is never fresh (`cacheMaxAge: 0`): every full verification fetches the
 * JWKS once, so the key server's JWKS count is the number of signature checks that were made.
 */
function verifier(options: Partial<TokenVerifierOptions> = {}) {
  return createTokenVerifier({
    issuer: server.issuer,
    audience,
    jwksUri: server.jwksUri,
    currentDate: () => clock,
    jwks: { cacheMaxAge: 0 },
    ...options,
  });
}

const signatureChecks = (): number => server.hits.get('/issuer/jwks') ?? 0;

function claims(extra: JWTPayload = {}): JWTPayload {
  return {
    iss: server.issuer,
    aud: audience,
    sub: 'user-1',
    scope: 'looker:content:read',
    groups: ['analysts'],
    iat: startSeconds - 60,
    exp: startSeconds + 3600,
    ...extra,
  };
}

async function reasonOf(promise: Promise<unknown>): Promise<TokenRejectionReason> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenRejectedError) return error.reason;
    throw error;
  }
  return 'accepted' as TokenRejectionReason;
}

describe('the verified-token cache', () => {
  it('answers a token it has verified with a lookup: no second key lookup or signature check', async () => {
    const token = await server.sign(key, claims());
    const cached = verifier();
    for (let i = 0; i < 3; i += 1) await expect(cached.verify(token)).resolves.toMatchObject({ subject: 'user-1' });
    expect(signatureChecks()).toBe(1);
    const uncached = verifier({ cache: false });
    await uncached.verify(token);
    await uncached.verify(token);
    expect(signatureChecks()).toBe(3);
  });

  it('keys entries by a SHA-256 of the whole token, never the token itself', () => {
    expect(tokenCacheKey('a.b.c')).toBe('hF4wRIgJ4ryJWOsCW_x5UjXROwd6U9DDq70jhRcNybg');
    expect(tokenCacheKey('a.b.c')).not.toContain('a.b');
    expect(tokenCacheKey('a.b.d')).not.toBe(tokenCacheKey('a.b.c'));
  });

  it('keeps accepting a cached token whose key was removed, until the entry is stale (the documented trade-off)', async () => {
    const token = await server.sign(key, claims());
    const cached = verifier();
    await cached.verify(token);
    server.keys = [ecKey.publicJwk];
    clock = at(299);
    await expect(cached.verify(token)).resolves.toMatchObject({ subject: 'user-1' });
    expect(signatureChecks()).toBe(1);
    // 300 s (the default maxAgeSeconds) after verification the entry is no longer trusted.
    clock = at(300);
    expect(await reasonOf(cached.verify(token))).toBe('signature');
    // A verifier that had not seen the token refuses it at once.
    clock = start;
    expect(await reasonOf(verifier().verify(token))).toBe('signature');
  });

  it('honours a shorter maxAgeSeconds', async () => {
    const token = await server.sign(key, claims());
    const cached = verifier({ cache: { maxAgeSeconds: 10 } });
    await cached.verify(token);
    clock = at(9);
    await cached.verify(token);
    clock = at(10);
    await cached.verify(token);
    expect(signatureChecks()).toBe(2);
  });

  it('never lets two tokens share an entry: a tampered copy of a cached token is refused', async () => {
    // ECDSA signatures are randomised: the same claims signed twice give two different tokens.
    const [first, second] = [await server.sign(ecKey, claims()), await server.sign(ecKey, claims())];
    expect(first).not.toBe(second);
    const cached = verifier();
    await cached.verify(first);
    await cached.verify(second);
    expect(signatureChecks()).toBe(2);

    const [header, , signature = ''] = first.split('.');
    const elevated = `${header}.${base64url.encode(JSON.stringify(claims({ scope: 'looker:sql:read' })))}.${signature}`;
    expect(await reasonOf(cached.verify(elevated))).toBe('signature');
    const middle = Math.floor(signature.length / 2);
    const flipped = `${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`;
    expect(await reasonOf(cached.verify(`${header}.${first.split('.')[1] ?? ''}.${flipped}`))).toBe('signature');
    await expect(cached.verify(first)).resolves.toMatchObject({ subject: 'user-1' });
  });

  it.each([30, 0])(
    'refuses a cached token the instant a full verification would (tolerance %i s)',
    async (tolerance) => {
      const exp = startSeconds + 100;
      const token = await server.sign(key, claims({ exp }));
      const cached = verifier({ clockToleranceSeconds: tolerance });
      const uncached = verifier({ clockToleranceSeconds: tolerance, cache: false });
      await cached.verify(token);
      clock = new Date((exp + tolerance - 1) * 1000 + 999);
      await expect(cached.verify(token)).resolves.toMatchObject({ subject: 'user-1' });
      await expect(uncached.verify(token)).resolves.toMatchObject({ subject: 'user-1' });
      clock = new Date((exp + tolerance) * 1000);
      expect(await reasonOf(cached.verify(token))).toBe('expired');
      expect(await reasonOf(uncached.verify(token))).toBe('expired');
      // The cached verifier checked the signature once; the uncached one at each call.
      expect(signatureChecks()).toBe(3);
    },
  );

  it('does not remember refusals', async () => {
    const early = await server.sign(key, claims({ nbf: startSeconds + 100 }));
    const cached = verifier();
    expect(await reasonOf(cached.verify(early))).toBe('not_yet_valid');
    clock = at(100);
    await expect(cached.verify(early)).resolves.toMatchObject({ subject: 'user-1' });
  });

  it('verifies afresh when the clock goes back before the token became valid', async () => {
    const token = await server.sign(key, claims({ nbf: startSeconds - 10, iat: startSeconds - 10 }));
    const cached = verifier();
    await cached.verify(token);
    clock = at(-100);
    expect(await reasonOf(cached.verify(token))).toBe('not_yet_valid');
  });

  it('forgets the least recently used token beyond maxEntries', async () => {
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((sub) => server.sign(key, claims({ sub }))));
    const cached = verifier({ cache: { maxEntries: 2 } });
    for (const token of [a, b, a, c] as string[]) await cached.verify(token);
    expect(signatureChecks()).toBe(3);
    await cached.verify(a as string); // still there: it was used after b
    expect(signatureChecks()).toBe(3);
    await cached.verify(b as string); // forgotten when c came in
    expect(signatureChecks()).toBe(4);
  });

  it('shares one verification between concurrent first requests', async () => {
    const token = await server.sign(key, claims());
    const cached = verifier();
    const principals = await Promise.all(Array.from({ length: 5 }, () => cached.verify(token)));
    expect(principals.map((p) => p.subject)).toEqual(Array(5).fill('user-1'));
    expect(signatureChecks()).toBe(1);
  });

  it('gives every caller its own principal: scope sets are copies, claims are deeply frozen', async () => {
    const token = await server.sign(key, claims());
    const cached = verifier();
    const first = await cached.verify(token);
    (first.scopes as Set<string>).add('looker:sql:read');
    const second = await cached.verify(token);
    expect([...second.scopes]).toEqual(['looker:content:read']);
    expect(Object.isFrozen(second.claims)).toBe(true);
    expect(Object.isFrozen(second.claims['groups'])).toBe(true);
    expect(() => (second.claims['groups'] as string[]).push('admins')).toThrow(TypeError);
  });

  it('refuses misuse of its options with TypeError', () => {
    for (const cache of [{ maxEntries: 0 }, { maxEntries: 1.5 }, { maxAgeSeconds: 0 }, { maxAgeSeconds: Number.NaN }]) {
      expect(() => verifier({ cache })).toThrow(TypeError);
    }
  });
});
