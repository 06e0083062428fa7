import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DEMO_CLIENT_SECRET, demoClients } from '../../../demo/demo-clients';
import { generateSigningJwk } from '../../../demo/signing-keys';
import { accessTokenOf, requestToken, startIssuerApp, type IssuerApp } from './issuer-app';

const audience = 'looker-subgraph';

describe('demo OIDC issuer mounted at /oidc', () => {
  let app: IssuerApp;

  beforeAll(async () => {
    app = await startIssuerApp({ audience });
  });

  afterAll(async () => {
    await app.close();
  });

  it('serves discovery with endpoints under the mount path, and a public JWKS', async () => {
    const discovery = (await (await fetch(`${app.issuer.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(discovery['issuer']).toBe(app.issuer.issuer);
    expect(discovery['token_endpoint']).toBe(`${app.issuer.issuer}/token`);
    expect(discovery['jwks_uri']).toBe(`${app.issuer.issuer}/jwks`);
    expect(discovery['grant_types_supported']).toContain('client_credentials');

    const jwks = (await (await fetch(`${app.issuer.issuer}/jwks`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it.each(demoClients.map((c) => [c.clientId, c] as const))(
    'gives %s, asking without scope, a JWT access token with all its scopes and groups',
    async (clientId, client) => {
      const answer = await requestToken(app.tokenEndpoint, clientId, DEMO_CLIENT_SECRET);
      const token = accessTokenOf(answer);
      expect(answer.body['token_type']).toBe('Bearer');
      expect(answer.body['scope']).toBe(client.scopes.join(' '));
      expect(answer.body['expires_in']).toBe(3600);
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
      const claims = decodeJwt(token);
      expect(claims).toMatchObject({
        iss: app.issuer.issuer,
        aud: audience,
        sub: clientId,
        client_id: clientId,
        scope: client.scopes.join(' '),
        groups: [...client.groups],
      });
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
    },
  );

  it('grants the intersection of the requested scopes and the client’s', async () => {
    const answer = await requestToken(app.tokenEndpoint, 'demo-viewer', DEMO_CLIENT_SECRET, {
      scope: 'looker:sql:read looker:content:read looker:data:read',
    });
    expect(decodeJwt(accessTokenOf(answer)).scope).toBe('looker:content:read');
    expect(answer.body['scope']).toBe('looker:content:read');
  });

  it('accepts client_secret_post as well as client_secret_basic', async () => {
    const response = await fetch(app.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'demo-admin',
        client_secret: DEMO_CLIENT_SECRET,
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body['scope']).toContain('looker:sql:read');
  });

  it('answers 401 invalid_client to a wrong secret or an unknown client', async () => {
    const wrong = await requestToken(app.tokenEndpoint, 'demo-admin', 'not-the-secret');
    expect(wrong.status).toBe(401);
    expect(wrong.body['error']).toBe('invalid_client');
    expect(wrong.body).not.toHaveProperty('access_token');
    const unknown = await requestToken(app.tokenEndpoint, 'nobody', DEMO_CLIENT_SECRET);
    expect(unknown.status).toBe(401);
  });

  it('refuses a resource indicator other than its audience', async () => {
    const answer = await requestToken(app.tokenEndpoint, 'demo-viewer', DEMO_CLIENT_SECRET, {
      resource: 'https://other.example/api',
    });
    expect(answer.status).toBe(400);
    expect(answer.body['error']).toBe('invalid_target');
  });
});

describe('demo issuer options', () => {
  it('signs with the first of the given keys, publishes all, and honours the TTL', async () => {
    const [next, previous] = [await generateSigningJwk(), await generateSigningJwk()];
    const app = await startIssuerApp({ audience, jwks: { keys: [next, previous] }, accessTokenTtlSeconds: 120 });
    try {
      const jwks = (await (await fetch(`${app.issuer.issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> };
      expect(jwks.keys.map((k) => k.kid)).toEqual([next.kid, previous.kid]);
      const answer = await requestToken(app.tokenEndpoint, 'demo-viewer', DEMO_CLIENT_SECRET);
      const token = accessTokenOf(answer);
      expect(decodeProtectedHeader(token).kid).toBe(next.kid);
      expect(answer.body['expires_in']).toBe(120);
    } finally {
      await app.close();
    }
  });

  it('takes custom clients and an absolute-URI audience as its resource indicator', async () => {
    const clients = [
      { clientId: 'robot', clientSecret: 's3', scopes: ['looker:models:read'], groups: ['bots'], description: 'test' },
    ];
    const app = await startIssuerApp({ audience: 'https://api.example/graphql', clients });
    try {
      expect(app.issuer.resource).toBe('https://api.example/graphql');
      const token = accessTokenOf(await requestToken(app.tokenEndpoint, 'robot', 's3'));
      expect(decodeJwt(token)).toMatchObject({
        aud: 'https://api.example/graphql',
        scope: 'looker:models:read',
        groups: ['bots'],
      });
      expect((await requestToken(app.tokenEndpoint, 'demo-viewer', DEMO_CLIENT_SECRET)).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
