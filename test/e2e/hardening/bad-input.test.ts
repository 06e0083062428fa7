import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Bad input: malformed JSON, a wrong content type and an oversized body get a JSON GraphQL error,
 * nothing from a request body reaches the log, echoed names are bounded, and an operation type
 * the schema lacks is a validation error.
 */
let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

/** How many errors the formatter has logged as unexpected (masked as INTERNAL_SERVER_ERROR). */
const unexpectedErrors = () => stack.logLines.filter((line) => line.includes('unexpected error')).length;

/** POSTs a raw body to /graphql and keeps the answer for the stack's leak check. */
async function post(
  body: string,
  headers: Record<string, string>,
): Promise<{
  status: number;
  contentType: string | null;
  body: { errors?: { message: string; extensions?: { code?: string } }[] };
}> {
  const response = await fetch(`${stack.url}/graphql`, { method: 'POST', headers, body });
  const text = await response.text();
  stack.responses.push(JSON.stringify([...response.headers]), text);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

test('malformed JSON gets a JSON 400, and neither the body nor the token in it is logged', async () => {
  const hidden = await stack.token('demo-admin');
  const body = `{"query": "{ __typename }", "token": "${hidden}", "marker": "raw-body-marker-7f3a"`;
  const answer = await post(body, {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    'x-request-id': 'bad-json-1',
  });
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual({
    errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
  });
  const logged = stack.logLines.filter((line) => line.includes('bad-json-1'));
  expect(logged).toEqual([expect.stringContaining('entity.parse.failed')]);
  expect(stack.logLines.some((line) => line.includes('raw-body-marker-7f3a') || line.includes(hidden))).toBe(false);
  expect(JSON.stringify(stack.auditEvents())).not.toContain('raw-body-marker-7f3a');
});

test('a content type other than JSON gets a JSON 415', async () => {
  const answer = await post('query={__typename}', {
    'content-type': 'text/plain',
    'apollo-require-preflight': 'true',
    authorization: `Bearer ${token}`,
  });
  expect(answer.status).toBe(415);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
});

test('a body over the limit gets a JSON 413', async () => {
  const answer = await post(JSON.stringify({ query: `{ __typename }${' '.repeat(1_100_000)}` }), {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
  });
  expect(answer.status).toBe(413);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
});

test('5,000 unknown explore fields give a bounded error message', async () => {
  const fields = Array.from({ length: 5000 }, (_, i) => `order_items.no_such_field_${i}`);
  const answer = await stack.graphql('query Run($input: QueryInput!) { runQuery(input: $input) { rowCount } }', {
    token,
    variables: { input: { model: 'ecommerce', view: 'order_items', fields } },
  });
  const errors = answer.body.errors ?? [];
  expect(errors).toHaveLength(1);
  expect(errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(JSON.stringify(answer.body).length).toBeLessThan(2048);
});

test("Looker's list of unknown fields is cut after ten names", async () => {
  const fields = Array.from({ length: 150 }, (_, i) => `order_items.no_such_field_${i}`);
  const answer = await stack.graphql('query Run($input: QueryInput!) { runQuery(input: $input) { rowCount } }', {
    token,
    variables: { input: { model: 'ecommerce', view: 'order_items', fields } },
  });
  const message = answer.body.errors?.[0]?.message ?? '';
  expect(message).toContain('no_such_field_0');
  expect(message).toContain('no_such_field_9');
  expect(message).not.toContain('no_such_field_10');
  expect(message).toMatch(/and 140 more/);
});

test('a subscription, which the schema does not have, is a 400 validation error', async () => {
  const unexpectedBefore = unexpectedErrors();
  const answer = await stack.graphql('subscription { looks { nodes { id } } }', { token });
  expect(answer.status).toBe(400);
  expect(answer.body.errors).toEqual([
    {
      message: 'The subscription operation is not supported by the schema.',
      locations: expect.any(Array),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    },
  ]);
  expect(unexpectedErrors()).toBe(unexpectedBefore);
});

test('an unknown mutation is a 400 validation error, whether or not the schema has mutations', async () => {
  const unexpectedBefore = unexpectedErrors();
  const answer = await stack.graphql('mutation { doSomethingUnknown }', { token });
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(unexpectedErrors()).toBe(unexpectedBefore);
});
