import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack({
    env: { CORS_ORIGINS: 'https://app.example.com', GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_ALIASES: '3' },
  });
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

test('an operation deeper than the limit is refused before any Looker call', async () => {
  await stack.resetLookerStats();
  const answer = await stack.graphql(
    '{ folders { nodes { looks { nodes { folder { parent { parent { name } } } } } } } }',
    { token },
  );
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect((await stack.lookerStats()).total).toBe(0);
});

test('too many aliases are refused', async () => {
  const query = `{ ${Array.from({ length: 4 }, (_, i) => `a${i}: look(id: "${i + 1}") { id }`).join(' ')} }`;
  const answer = await stack.graphql(query, { token });
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

test('CORS admits the configured origin only', async () => {
  const preflight = (origin: string) =>
    fetch(`${stack.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
  const allowed = await preflight('https://app.example.com');
  expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
  const other = await preflight('https://evil.example.net');
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
});
