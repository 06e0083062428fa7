import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * An operation's cost counts Looker calls and rows, not only fields: the audit's 3 KB document
 * that made 3,091 Looker calls is refused before the first; a request that still runs over its
 * budget stops with a typed error and the partial answer.
 */
let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { LOOKER_REQUEST_MAX_CALLS: '6', LOOKER_REQUEST_MAX_ROWS: '250' } });
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

const expensiveBranch =
  'folders { nodes { looks { nodes { result(limit: 5000) { rows } } } dashboards { nodes { tiles { result(limit: 5000) { rows } } } } } }';

test('the audit document (30 aliases of folders, looks, dashboards and results) is refused before any Looker call', async () => {
  const document = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: ${expensiveBranch}`).join(' ')} }`;
  await stack.resetLookerStats();
  const answer = await stack.graphql(document, { token });
  expect(answer.status).toBe(400);
  const error = answer.body.errors?.[0];
  expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(error?.message).toMatch(/Looker calls \(limit 250\)/);
  expect(error?.extensions?.cost).toMatchObject({ maxLookerCalls: 250, maxRows: 100_000 });
  expect((await stack.lookerStats()).total).toBe(0);
});

test('one alias of it is refused too: a page of folders with their looks’ results is thousands of rows', async () => {
  await stack.resetLookerStats();
  const answer = await stack.graphql(`{ ${expensiveBranch} }`, { token });
  expect(answer.status).toBe(400);
  expect(answer.body.errors?.[0]?.message).toMatch(/would cost about \d+ Looker calls/);
  expect((await stack.lookerStats()).total).toBe(0);
});

test('the estimate reads page sizes and row limits from variables', async () => {
  const query = 'query Q($n: Int, $rows: Int) { looks(first: $n) { nodes { result(limit: $rows) { rowCount } } } }';
  const big = await stack.graphql(query, { token, variables: { n: 200, rows: 5000 } });
  expect(big.status).toBe(400);
  expect(big.body.errors?.[0]?.extensions?.cost).toMatchObject({ estimatedRows: 1_000_000 });
  await stack.resetLookerStats();
  const small = await stack.graphql(query, { token, variables: { n: 2, rows: 3 } });
  expect(small.body.errors).toBeUndefined();
});

test('a request that runs over its Looker-call budget gets LOOKER_BUDGET_EXCEEDED on the rest, and the partial answer', async () => {
  // 1 search + 8 distinct query runs: the budget of 6 calls lets 5 runs through.
  const answer = await stack.graphql('{ looks(first: 8) { nodes { id result(limit: 1) { rowCount } } } }', { token });
  expect(answer.status).toBe(200);
  const nodes = (answer.body.data as { looks: { nodes: { id: string; result: { rowCount: number } | null }[] } }).looks
    .nodes;
  expect(nodes).toHaveLength(8);
  const served = nodes.filter((n) => n.result !== null);
  expect(served.length).toBe(5);
  const codes = (answer.body.errors ?? []).map((e) => e.extensions?.code);
  expect(codes).toEqual(Array(3).fill('LOOKER_BUDGET_EXCEEDED'));
  expect(answer.body.errors?.[0]?.message).toMatch(/budget of 6 Looker calls/);
});

test('a request that reads more rows than its budget stops serving results past it', async () => {
  const run = (alias: string, sort: string) =>
    `${alias}: runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.id"], sorts: ["order_items.id ${sort}"], limit: 200 }) { rowCount }`;
  const answer = await stack.graphql(`{ ${run('a', 'asc')} ${run('b', 'desc')} }`, { token });
  const data = answer.body.data as Record<string, { rowCount: number } | null>;
  const served = Object.values(data).filter((r) => r !== null);
  expect(served[0]?.rowCount).toBe(200);
  expect(served.length).toBe(1);
  expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['LOOKER_BUDGET_EXCEEDED']);
  expect(answer.body.errors?.[0]?.message).toMatch(/budget of 250 result rows/);
});
