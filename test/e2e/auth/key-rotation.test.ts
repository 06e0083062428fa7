import type { JWTPayload } from 'jose';
import { TokenRejectedError } from '../../../src/auth/token-errors';
import { createTokenVerifier, type TokenVerifierOptions } from '../../../src/auth/token-verifier';
import { generateTestKey, KeyServer, type TestKey } from '../../unit/auth/key-server';

const audience = 'looker-subgraph';

/**
 * Key rotation as an issuer performs it: it starts publishing a new key, signs with it, and later
 * stops publishing the old one. The key server plays the issuer (discovery + JWKS over real HTTP)
 * and lets the test change its JWKS between requests. The verifiers run on the real clock: jose's
 * JWKS cache reads `Date.now()`, so its timing is tuned through `cooldownDuration`/`cacheMaxAge`
 * rather than a fake clock, and set to 0 so that no test waits.
 */
let server: KeyServer;
let oldKey: TestKey;
let newKey: TestKey;

beforeAll(async () => {
  server = await KeyServer.start();
  [oldKey, newKey] = await Promise.all([generateTestKey('2029-key'), generateTestKey('2030-key')]);
});

beforeEach(() => {
  server.keys = [oldKey.publicJwk];
  server.hits.clear();
});

afterAll(async () => {
  await server.close();
});

function claims(): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { iss: server.issuer, aud: audience, sub: 'user-1', iat: now, exp: now + 600 };
}

function verifier(options: Partial<TokenVerifierOptions> = {}) {
  return createTokenVerifier({ issuer: server.issuer, audience, ...options });
}

const jwksFetches = (): number => server.hits.get('/issuer/jwks') ?? 0;

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TokenRejectedError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('signing key rotation', () => {
  it('accepts tokens of a newly published key without a restart: an unknown kid refetches the JWKS', async () => {
    // jose refetches on an unknown kid at most once per cooldown (30 s by default, which bounds how
    // often random kids can make us call the IdP). 0 lets the refetch happen right away here.
    const v = verifier({ jwks: { cooldownDuration: 0 } });
    await v.verify(await server.sign(oldKey, claims()));
    expect(jwksFetches()).toBe(1);

    server.keys = [newKey.publicJwk, oldKey.publicJwk];
    const rotated = await server.sign(newKey, claims());
    await expect(v.verify(rotated)).resolves.toMatchObject({ subject: 'user-1' });
    expect(jwksFetches()).toBe(2);
    // Both keys are now known: neither needs another fetch.
    await v.verify(await server.sign(oldKey, claims()));
    await v.verify(await server.sign(newKey, claims()));
    expect(jwksFetches()).toBe(2);
  });

  it('refuses tokens of a key the JWKS stopped publishing, once the cached JWKS has expired', async () => {
    // The JWKS is cached for `cacheMaxAge` (10 min by default): a removed key is honoured that long.
    // 0 makes every verification read the current JWKS, so the removal shows without waiting.
    const fresh = verifier({ jwks: { cacheMaxAge: 0 }, cache: false });
    const stale = verifier({ cache: false });
    const oldToken = await server.sign(oldKey, claims());
    await fresh.verify(oldToken);
    await stale.verify(oldToken);

    server.keys = [newKey.publicJwk];
    expect(await reasonOf(fresh.verify(oldToken))).toBe('signature');
    expect(await reasonOf(fresh.verify(await server.sign(oldKey, claims())))).toBe('signature');
    await expect(fresh.verify(await server.sign(newKey, claims()))).resolves.toMatchObject({ subject: 'user-1' });
    // Within its cacheMaxAge the other verifier still holds the old JWKS: this is the bound to tune.
    await expect(stale.verify(oldToken)).resolves.toMatchObject({ subject: 'user-1' });
  });

  it('refuses a token signed under a published kid by the wrong key, and keeps trusting the right one', async () => {
    const impostor = await generateTestKey(oldKey.kid);
    const v = verifier({ jwks: { cooldownDuration: 0 } });
    expect(await reasonOf(v.verify(await server.sign(impostor, claims())))).toBe('signature');
    await expect(v.verify(await server.sign(oldKey, claims()))).resolves.toMatchObject({ subject: 'user-1' });
  });
});
