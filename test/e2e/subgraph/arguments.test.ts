import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;
let analyst: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  analyst = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

const errorOf = async (query: string) => {
  const answer = await stack.graphql(query, { token: analyst });
  return answer.body.errors?.[0];
};

test.each([
  ['{ looks(first: 201) { nodes { id } } }', 'first'],
  ['{ looks(first: 0) { nodes { id } } }', 'first'],
  ['{ looks(after: "bogus") { nodes { id } } }', 'after'],
  ['{ look(id: "1,2") { id } }', 'id'],
  ['{ look(id: "1") { result(limit: 0) { rowCount } } }', 'limit'],
  ['{ runQuery(input: { model: "ecommerce", view: "order_items", fields: [] }) { rowCount } }', 'input.fields'],
  [
    '{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.count"], limit: 9000 }) { rowCount } }',
    'input.limit',
  ],
])('%s is BAD_USER_INPUT naming %s', async (query, argumentName) => {
  const error = await errorOf(query);
  expect(error?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName }));
  expect(error?.message).toContain(argumentName);
});

test('an unknown explore field is BAD_USER_INPUT naming the field', async () => {
  const error = await errorOf(
    '{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.nope"] }) { rowCount } }',
  );
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error?.message).toContain('order_items.nope');
});

test('a malformed filter is BAD_USER_INPUT', async () => {
  const error = await errorOf(
    '{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.count"], filters: [{ field: "order_items.sale_price", expression: ">>x" }] }) { rowCount } }',
  );
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('an unknown explore is BAD_USER_INPUT', async () => {
  const error = await errorOf(
    '{ runQuery(input: { model: "ecommerce", view: "nope", fields: ["nope.count"] }) { rowCount } }',
  );
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('pages follow each other without overlap', async () => {
  const first = await stack.graphql('{ looks(first: 20) { nodes { id } pageInfo { hasNextPage endCursor } } }', {
    token: analyst,
  });
  const page1 = first.body.data?.looks as {
    nodes: { id: string }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
  expect(page1.pageInfo.hasNextPage).toBe(true);
  const second = await stack.graphql('query ($after: String) { looks(first: 20, after: $after) { nodes { id } } }', {
    token: analyst,
    variables: { after: page1.pageInfo.endCursor },
  });
  const page2 = second.body.data?.looks as { nodes: { id: string }[] };
  expect(page2.nodes).toHaveLength(20);
  const ids = new Set([...page1.nodes, ...page2.nodes].map((n) => n.id));
  expect(ids.size).toBe(40);
});

test('a look that does not exist is null, not an error', async () => {
  const answer = await stack.graphql(
    '{ look(id: "99999") { id } dashboard(id: "99999") { id } folder(id: "99999") { id } }',
    { token: analyst },
  );
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toEqual({ look: null, dashboard: null, folder: null });
});
