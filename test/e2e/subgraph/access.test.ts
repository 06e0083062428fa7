import { startIssuerApp, accessTokenOf, requestToken } from '../auth/issuer-app';
import { startSubgraphStack, testAudience, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack();
});

afterAll(() => stack?.stop());

const lookWithResult = '{ look(id: "1") { id title result(limit: 5) { rowCount rows sql } } }';

type LookAnswer = {
  id: string;
  title: string;
  result: { rowCount: number; rows: unknown[]; sql: string | null } | null;
};

test('a viewer sees looks but not their data: result is null with FORBIDDEN naming the scope', async () => {
  const answer = await stack.graphql(lookWithResult, { token: await stack.token('demo-viewer') });
  expect(answer.status).toBe(200);
  const look = answer.body.data?.look as LookAnswer;
  expect(look.title.length).toBeGreaterThan(0);
  expect(look.result).toBeNull();
  expect(answer.body.errors).toEqual([
    expect.objectContaining({
      path: ['look', 'result'],
      // Reading a look's data needs the look (content) and its result (data).
      extensions: expect.objectContaining({
        code: 'FORBIDDEN',
        requiredScopes: [['looker:content:read', 'looker:data:read']],
      }),
    }),
  ]);
});

test('an analyst gets rows but not the SQL', async () => {
  const answer = await stack.graphql(lookWithResult, { token: await stack.token('demo-analyst') });
  const look = answer.body.data?.look as LookAnswer;
  expect(look.result?.rowCount).toBeGreaterThan(0);
  expect(look.result?.rows).toHaveLength(look.result?.rowCount ?? -1);
  expect(look.result?.sql).toBeNull();
  expect(answer.body.errors).toEqual([
    expect.objectContaining({
      path: ['look', 'result', 'sql'],
      extensions: expect.objectContaining({ code: 'FORBIDDEN', requiredScopes: [['looker:sql:read']] }),
    }),
  ]);
});

test('an admin gets rows and the SQL Looker generated', async () => {
  const answer = await stack.graphql(lookWithResult, { token: await stack.token('demo-admin') });
  expect(answer.body.errors).toBeUndefined();
  const look = answer.body.data?.look as LookAnswer;
  expect(look.result?.sql).toMatch(/SELECT/i);
});

test('the viewer field reports the caller', async () => {
  const answer = await stack.graphql('{ viewer { subject clientId scopes } }', {
    token: await stack.token('demo-analyst'),
  });
  expect(answer.body.data?.viewer).toEqual({
    subject: 'demo-analyst',
    clientId: 'demo-analyst',
    scopes: ['looker:content:read', 'looker:data:read', 'looker:models:read'],
  });
});

describe('requests without a valid token are refused with 401', () => {
  const expectRefused = (answer: Awaited<ReturnType<SubgraphStack['graphql']>>) => {
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(answer.body.data).toBeUndefined();
  };

  test('no token', async () => {
    const answer = await stack.graphql('{ looks { nodes { id } } }');
    expectRefused(answer);
  });

  test('an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await stack.forgeToken({
      iss: stack.issuer.issuer.issuer,
      aud: testAudience,
      sub: 'demo-analyst',
      scope: 'looker:content:read',
      iat: now - 7200,
      exp: now - 3600,
    });
    const answer = await stack.graphql('{ looks { nodes { id } } }', { token });
    expectRefused(answer);
    expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  test('a token from another issuer', async () => {
    const other = await startIssuerApp({ audience: testAudience });
    try {
      const token = accessTokenOf(await requestToken(other.tokenEndpoint, 'demo-admin', 'demo-secret'));
      const answer = await stack.graphql('{ looks { nodes { id } } }', { token });
      expectRefused(answer);
    } finally {
      await other.close();
    }
  });

  test('a garbage token', async () => {
    expectRefused(await stack.graphql('{ looks { nodes { id } } }', { token: 'not-a-jwt' }));
  });
});

test('_service answers without a token, so a gateway can compose the supergraph', async () => {
  const answer = await stack.graphql('{ _service { sdl } }');
  expect(answer.status).toBe(200);
  const sdl = (answer.body.data?._service as { sdl: string }).sdl;
  expect(sdl).toMatch(/type Look\s+@key\(fields: "id"\)/);
  expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6"');
});

test('the request id is taken from the request and echoed', async () => {
  const answer = await stack.graphql('{ _service { sdl } }', { headers: { 'x-request-id': 'trace-123' } });
  expect(answer.headers.get('x-request-id')).toBe('trace-123');
});
