import { base64url, decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { TokenRejectedError, type TokenRejectionReason } from '../../../src/auth/token-errors';
import { createTokenVerifier, type TokenVerifierOptions } from '../../../src/auth/token-verifier';
import { DEMO_CLIENT_SECRET, demoClients } from '../../../demo/demo-clients';
import { accessTokenOf, requestToken, startIssuerApp, type IssuerApp } from './issuer-app';

const audience = 'looker-subgraph';

let app: IssuerApp;
let other: IssuerApp;

beforeAll(async () => {
  [app, other] = await Promise.all([startIssuerApp({ audience }), startIssuerApp({ audience })]);
});

afterAll(async () => {
  await Promise.all([app.close(), other.close()]);
});

function verifier(options: Partial<TokenVerifierOptions> = {}) {
  return createTokenVerifier({ issuer: app.issuer.issuer, audience, requireAccessTokenType: true, ...options });
}

async function tokenFor(clientId: string, issuerApp: IssuerApp = app): Promise<string> {
  return accessTokenOf(await requestToken(issuerApp.tokenEndpoint, clientId, DEMO_CLIENT_SECRET));
}

async function reasonFor(token: string, options: Partial<TokenVerifierOptions> = {}): Promise<TokenRejectionReason> {
  try {
    await verifier(options).verify(token);
  } catch (error) {
    if (error instanceof TokenRejectedError) {
      // Whatever the reason, the message must not echo the token.
      for (const part of token.split('.')) if (part.length > 8) expect(error.message).not.toContain(part);
      return error.reason;
    }
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('verifying demo issuer tokens (discovery through the issuer URL)', () => {
  it.each(demoClients.map((c) => [c.clientId, c] as const))('gives %s its scopes', async (clientId, client) => {
    const principal = await verifier().verify(await tokenFor(clientId));
    expect(principal.subject).toBe(clientId);
    expect(principal.clientId).toBe(clientId);
    expect([...principal.scopes].sort()).toEqual([...client.scopes].sort());
    expect(principal.claims['groups']).toEqual(client.groups);
  });

  it('refuses a token meant for another audience', async () => {
    expect(await reasonFor(await tokenFor('demo-viewer'), { audience: 'another-api' })).toBe('audience');
  });

  it('refuses a token of another issuer', async () => {
    const foreign = await tokenFor('demo-admin', other);
    expect(['signature', 'issuer']).toContain(await reasonFor(foreign));
    // Even told to trust the other issuer's name, our issuer's keys do not verify it.
    expect(await reasonFor(foreign, { issuer: other.issuer.issuer, jwksUri: `${app.issuer.issuer}/jwks` })).toBe(
      'signature',
    );
  });

  it('refuses an expired token, judged by the verifier’s clock', async () => {
    const token = await tokenFor('demo-analyst');
    const exp = decodeJwt(token).exp ?? 0;
    expect(await reasonFor(token, { currentDate: () => new Date((exp + 31) * 1000) })).toBe('expired');
    await expect(verifier({ currentDate: () => new Date((exp + 29) * 1000) }).verify(token)).resolves.toBeDefined();
    expect(await reasonFor(token, { currentDate: () => new Date(Date.now() - 3_600_000) })).toBe('not_yet_valid');
  });

  it('refuses an algorithm outside the allow-list', async () => {
    expect(await reasonFor(await tokenFor('demo-viewer'), { algorithms: ['ES256', 'PS256'] })).toBe('algorithm');
  });

  it('refuses an unsigned (alg: none) copy of a real token', async () => {
    const [, payload] = (await tokenFor('demo-viewer')).split('.');
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }))}.${payload}.`;
    expect(await reasonFor(none)).toBe('algorithm');
  });

  it('refuses a token whose payload was altered', async () => {
    const [header, payload, signature] = (await tokenFor('demo-viewer')).split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload ?? ''))) as Record<string, unknown>;
    claims['scope'] = 'looker:content:read looker:models:read looker:data:read looker:sql:read';
    const tampered = `${header}.${base64url.encode(JSON.stringify(claims))}.${signature}`;
    expect(await reasonFor(tampered)).toBe('signature');
  });

  it('refuses garbage and truncated tokens', async () => {
    const token = await tokenFor('demo-viewer');
    const [header, payload] = token.split('.');
    expect(await reasonFor('garbage')).toBe('malformed');
    expect(await reasonFor('')).toBe('missing');
    expect(await reasonFor('a.b.c')).toBe('malformed');
    expect(await reasonFor(`${header}.${payload}`)).toBe('malformed');
    expect(await reasonFor(`${header}.${payload}.`)).toBe('signature');
    expect(await reasonFor(token.slice(0, -6))).toBe('signature');
    expect(await reasonFor(token.slice(0, token.indexOf('.') + 12) + '.x')).toBe('malformed');
  });

  it('refuses a well-formed token signed by a key the JWKS does not publish', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ client_id: 'demo-admin', scope: 'looker:sql:read' })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'not-in-the-jwks' })
      .setIssuer(app.issuer.issuer)
      .setAudience(audience)
      .setSubject('demo-admin')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await reasonFor(token)).toBe('signature');
  });
});
