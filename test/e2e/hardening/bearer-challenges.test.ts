import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Every door that refuses a request without a valid credential answers 401 with the same Bearer
 * challenge (RFC 6750 §3): one realm, `error="invalid_token"` exactly when a credential was sent
 * and refused, and for MCP where its resource metadata is (RFC 9728).
 */
const operatorToken = 'operator-credential-challenge-0123456789';
let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { OPERATOR_TOKEN: operatorToken } });
  stack.checkNoLeakOf(operatorToken);
});

afterAll(async () => {
  await stack?.stop();
});

const bare = 'Bearer realm="looker-subgraph"';
const refused = 'Bearer realm="looker-subgraph", error="invalid_token"';

/** The status and challenge of a request, with or without an `Authorization` header. */
async function challengeOf(
  method: string,
  path: string,
  authorization?: string,
  body?: unknown,
): Promise<[number, string | null]> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  if (authorization !== undefined) headers.authorization = authorization;
  const answer = await fetch(`${stack.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await answer.arrayBuffer();
  return [answer.status, answer.headers.get('www-authenticate')];
}

test('GraphQL, export downloads and the operator route answer the same challenge in one realm', async () => {
  const query = { query: '{ look(id: "1") { title } }' };
  expect(await challengeOf('POST', '/graphql', undefined, query)).toEqual([401, bare]);
  expect(await challengeOf('POST', '/graphql', 'Bearer not.a.token', query)).toEqual([401, refused]);
  expect(await challengeOf('GET', '/exports/some-link')).toEqual([401, bare]);
  expect(await challengeOf('GET', '/exports/some-link', 'Bearer not.a.token')).toEqual([401, refused]);
  expect(await challengeOf('POST', '/admin/cache/flush')).toEqual([401, bare]);
  expect(await challengeOf('POST', '/admin/cache/flush', 'Bearer wrong-operator-credential')).toEqual([401, refused]);
});

test('MCP answers the same challenge, naming its resource metadata', async () => {
  const call = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
  const metadata = `resource_metadata="${stack.url}/.well-known/oauth-protected-resource"`;
  expect(await challengeOf('POST', '/mcp', undefined, call)).toEqual([401, `${bare}, ${metadata}`]);
  expect(await challengeOf('POST', '/mcp', 'Bearer not.a.token', call)).toEqual([401, `${refused}, ${metadata}`]);
});
