import { request } from 'node:http';
import { parse } from 'graphql';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Nothing anonymous is expensive: the token is checked before the body is read, a caller without
 * one may send only a small public operation, documents are bounded in tokens and directives
 * before validation, and no document can overflow the stack of a validation rule.
 */
let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

/** The audit events of the request with this id. */
const eventsOf = (requestId: string) => stack.auditEvents().filter((e) => e.requestId === requestId);

/** `{ __typename @a @a … }` of about `bytes` bytes. */
function directiveFlood(bytes: number): string {
  return JSON.stringify({ query: `{ __typename ${'@a '.repeat(Math.ceil(bytes / 3))}}` });
}

/** A query spreading F0, which spreads F1, … down to F`length`. */
function fragmentChain(length: number): string {
  const links = Array.from({ length }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`);
  return ['query Chain { ...F0 }', ...links, `fragment F${length} on Query { __typename }`].join('\n');
}

/** The longest fragment chain the parser accepts within `maxTokens` (a binary search). */
function longestChainWithin(maxTokens: number): number {
  const fits = (length: number) => {
    try {
      parse(fragmentChain(length), { maxTokens });
      return true;
    } catch {
      return false;
    }
  };
  let [low, high] = [1, maxTokens];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

test('a 900 KB directive flood without a token is refused 401 before its body is read', async () => {
  const body = Buffer.from(directiveFlood(900_000));
  // Send the headers and only the first part of the body: the answer must come without the rest.
  const answer = await new Promise<{ status: number; challenge: string | undefined; text: string }>(
    (resolve, reject) => {
      const req = request(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-request-id': 'anon-flood-1' },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, challenge: res.headers['www-authenticate'], text });
        });
      });
      req.write(body.subarray(0, 64 * 1024));
    },
  );
  stack.responses.push(answer.text);
  expect(answer.status).toBe(401);
  expect(answer.challenge).toBe('Bearer realm="looker-subgraph"');
  expect(JSON.parse(answer.text)).toEqual({
    errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }],
  });
  expect(eventsOf('anon-flood-1')).toEqual([
    expect.objectContaining({ outcome: 'unauthenticated', reason: 'missing', status: 401 }),
  ]);
}, 15_000);

test('a whole directive flood without a token gets the same 401, a refused token the invalid_token challenge', async () => {
  const send = (headers: Record<string, string>) =>
    fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: directiveFlood(900_000),
    });
  const anonymous = await send({});
  expect(anonymous.status).toBe(401);
  expect(await anonymous.json()).toEqual({
    errors: [{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }],
  });
  const refused = await send({ authorization: 'Bearer a.b.c', 'x-request-id': 'anon-flood-2' });
  expect(refused.status).toBe(401);
  expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="looker-subgraph", error="invalid_token"');
  expect(eventsOf('anon-flood-2')).toEqual([
    expect.objectContaining({ outcome: 'unauthenticated', reason: 'malformed', status: 401 }),
  ]);
});

test('without a token even a public operation may not be larger than 4 KB', async () => {
  const small = await stack.graphql('{ __typename }');
  expect(small.status).toBe(200);
  const padded = await stack.graphql(`{ __typename }${' '.repeat(5000)}`, {
    headers: { 'x-request-id': 'anon-large-1' },
  });
  expect(padded.status).toBe(401);
  expect(padded.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(eventsOf('anon-large-1')).toEqual([
    expect.objectContaining({ outcome: 'unauthenticated', reason: 'missing', status: 401 }),
  ]);
});

test('without a token, a document that is not a public operation is refused before validation', async () => {
  // Invalid on purpose: validation would answer 400; the gate answers first.
  const answer = await stack.graphql('{ nosuchfield @nosuchdirective }');
  expect(answer.status).toBe(401);
  expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
});

test('a directive flood with a token is refused by the token limit, with a JSON error', async () => {
  const answer = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: directiveFlood(900_000),
  });
  expect(answer.status).toBe(400);
  const body = (await answer.json()) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  expect(body.errors[0]?.message).toContain('2000 tokens');
});

test('more directives than the limit are refused', async () => {
  const answer = await stack.graphql(`{ __typename ${'@include(if: true) '.repeat(51)}}`, { token });
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(answer.body.errors?.[0]?.message).toContain('Directives limit of 50');
});

test('a 3,000-fragment chain is a 4xx JSON error, not a crash', async () => {
  const answer = await stack.graphql(fragmentChain(3000), { token, headers: { 'x-request-id': 'chain-3000' } });
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  expect(eventsOf('chain-3000')).toEqual([expect.objectContaining({ status: 400, subject: 'demo-analyst' })]);
});

test('the longest fragment chain within the token limit validates cleanly: a 400 naming the depth limit', async () => {
  const length = longestChainWithin(2000);
  expect(length).toBeGreaterThan(200);
  const answer = await stack.graphql(fragmentChain(length), { token });
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.map((e) => e.extensions?.code)).toContain('GRAPHQL_VALIDATION_FAILED');
  expect(answer.body.errors?.[0]?.message).toContain('depth limit of 12');
  // A chain within the depth limit runs.
  const short = await stack.graphql(fragmentChain(4), { token });
  expect(short.body).toEqual({ data: { __typename: 'Query' } });
});

test('with the largest token limit allowed, documents nesting beyond the bound are refused cleanly', async () => {
  const wide = await startSubgraphStack({ env: { GRAPHQL_MAX_TOKENS: '20000', GRAPHQL_MAX_DEPTH: '100' } });
  try {
    const wideToken = await wide.token('demo-analyst');
    const chain = longestChainWithin(20_000);
    expect(chain).toBeGreaterThan(2000);
    for (const [query, code] of [
      [fragmentChain(chain), 'GRAPHQL_VALIDATION_FAILED'],
      [`{ ${'folders { '.repeat(4000)}id${' }'.repeat(4000)} }`, 'GRAPHQL_PARSE_FAILED'],
      [`{ look(id: ${'['.repeat(9000)}1${']'.repeat(9000)}) { id } }`, 'GRAPHQL_PARSE_FAILED'],
    ] as const) {
      const answer = await wide.graphql(query, { token: wideToken });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('nests more than 500 levels'),
          extensions: { code },
        }),
      ]);
    }
    // Within the bounds (GraphQL Armor's cost grows about twofold with each link), a chain runs.
    const answer = await wide.graphql(fragmentChain(6), { token: wideToken });
    expect(answer.body).toEqual({ data: { __typename: 'Query' } });
  } finally {
    await wide.stop();
  }
});
