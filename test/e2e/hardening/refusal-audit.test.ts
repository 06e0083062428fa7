import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Audit completeness: every request to /graphql, those refused before Apollo runs included, leaves
 * exactly one audit event with its outcome, reason and HTTP status, and never the body or token.
 */
let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

/** Sends a raw request with this request id and returns its status; the answer must be JSON. */
async function send(
  requestId: string,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<number> {
  const response = await fetch(`${stack.url}${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST',
    headers: { 'x-request-id': requestId, ...init.headers },
    body: init.body,
  });
  const text = await response.text();
  stack.responses.push(text);
  expect(JSON.parse(text)).toEqual(expect.objectContaining({}));
  return response.status;
}

/** The one audit event of this request. */
function eventOf(requestId: string): Record<string, unknown> {
  const events = stack.auditEvents().filter((e) => e.requestId === requestId);
  expect(events).toHaveLength(1);
  return events[0] as Record<string, unknown>;
}

const json = { 'content-type': 'application/json' };
const bearer = () => ({ authorization: `Bearer ${token}` });

test.each([
  ['a CSRF refusal', 'csrf', { method: 'GET', path: '/graphql?query=%7B__typename%7D', headers: {} }, 400],
  [
    'a batched array',
    'batched',
    { headers: json, body: '[{"query":"{ __typename }"},{"query":"{ __typename }"}]' },
    400,
  ],
  ['malformed JSON', 'malformed_json', { headers: json, body: '{"query": ' }, 400],
  [
    'a wrong content type',
    'content_type',
    { headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' }, body: '{ __typename }' },
    415,
  ],
  [
    'an oversized body',
    'body_too_large',
    { headers: json, body: JSON.stringify({ query: `{ __typename }${' '.repeat(1_100_000)}` }) },
    413,
  ],
])('%s leaves one refused event with its reason and status', async (name, reason, init, status) => {
  const requestId = `refusal-${reason}`;
  const withToken = { ...init, headers: { ...init.headers, ...bearer() } };
  expect(await send(requestId, withToken)).toBe(status);
  const event = eventOf(requestId);
  expect(event).toEqual(
    expect.objectContaining({
      type: 'graphql.operation',
      outcome: 'refused',
      reason,
      status,
      subject: 'demo-analyst',
      lookerCalls: 0,
      resources: [],
    }),
  );
  expect(JSON.stringify(event)).not.toContain(token);
});

test('an anonymous request refused before its body is read leaves one unauthenticated event', async () => {
  expect(
    await send('refusal-anon', {
      headers: json,
      body: JSON.stringify({ query: `{ looks { nodes { id } } }${' '.repeat(8000)}` }),
    }),
  ).toBe(401);
  expect(eventOf('refusal-anon')).toEqual(
    expect.objectContaining({ outcome: 'unauthenticated', reason: 'missing', status: 401, subject: null }),
  );
});

test('a document refused before validation leaves one event', async () => {
  expect(
    await send('refusal-tokens', {
      headers: { ...json, ...bearer() },
      body: JSON.stringify({ query: `{ __typename ${'@a '.repeat(3000)}}` }),
    }),
  ).toBe(400);
  expect(eventOf('refusal-tokens')).toEqual(
    expect.objectContaining({ status: 400, errors: { GRAPHQL_PARSE_FAILED: 1 } }),
  );
});

test('an operation Apollo runs is audited once, with its status', async () => {
  await stack.graphql('{ look(id: "1") { title } }', { token, headers: { 'x-request-id': 'audited-once-ok' } });
  expect(eventOf('audited-once-ok')).toEqual(expect.objectContaining({ outcome: 'ok', status: 200 }));
  await stack.graphql('{ nosuchfield }', { token, headers: { 'x-request-id': 'audited-once-invalid' } });
  expect(eventOf('audited-once-invalid')).toEqual(
    expect.objectContaining({ outcome: 'error', status: 400, errors: { GRAPHQL_VALIDATION_FAILED: 1 } }),
  );
  await stack.graphql('{ looks { nodes { id } } }', { headers: { 'x-request-id': 'audited-once-anon' } });
  expect(eventOf('audited-once-anon')).toEqual(
    expect.objectContaining({ outcome: 'unauthenticated', reason: 'missing', status: 401 }),
  );
});

test('no audit event carries a request body', () => {
  const audit = JSON.stringify(stack.auditEvents());
  expect(audit).not.toContain('__typename');
  expect(audit).not.toContain(token);
});
