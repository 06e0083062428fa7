import { adminSdk, ok } from '../../support/looker-sdk';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

// A small MAX_RESULT_ROWS, so a bound is crossed without reading thousands of rows.
const maxResultRows = 50;
let stack: SubgraphStack;
let analyst: string;

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { MAX_RESULT_ROWS: String(maxResultRows) } });
  analyst = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

test('a query the database refuses is LOOKER_QUERY_FAILED on its field, never data; the rest is served', async () => {
  const answer = await stack.graphql(
    `{ look(id: "1") { title }
       runQuery(input: { model: "ecommerce", view: "users", fields: ["users.country", "users.legacy_segment", "users.count"] }) { rowCount rows } }`,
    { token: analyst },
  );
  expect(answer.body.data?.runQuery).toBeNull();
  expect((answer.body.data?.look as { title: string }).title).toBeTruthy();
  const errors = answer.body.errors as GraphQLErrorShape[];
  expect(errors).toHaveLength(1);
  expect(errors[0]?.path).toEqual(['runQuery']);
  expect(errors[0]?.extensions?.code).toBe('LOOKER_QUERY_FAILED');
  // What the database said reaches the caller, bounded and without the SQL.
  expect(errors[0]?.message).toMatch(/segment/);
  expect(errors[0]?.message.length).toBeLessThanOrEqual(600);
  expect(errors[0]?.message).not.toMatch(/SELECT|FROM users/);
});

test('the emulator answers that failure as Looker does: HTTP 200 with looker_error rows', async () => {
  const sdk = adminSdk(stack.emulator.url);
  const body = { model: 'ecommerce', view: 'users', fields: ['users.legacy_segment'] };
  const rows = (await ok(sdk.run_inline_query({ result_format: 'json', body }))) as unknown as Record<
    string,
    unknown
  >[];
  expect(rows).toEqual([{ looker_error: expect.stringMatching(/segment/) as unknown }]);
  const bi = (await ok(sdk.run_inline_query({ result_format: 'json_bi', body }))) as unknown as { rows: unknown[] };
  expect(bi.rows).toEqual([{ looker_error: expect.stringMatching(/segment/) as unknown }]);
});

test("a caller's own mistake that Looker rejects before running stays BAD_USER_INPUT", async () => {
  const answer = await stack.graphql(
    '{ runQuery(input: { model: "ecommerce", view: "users", fields: ["users.no_such_field"] }) { rowCount } }',
    { token: analyst },
  );
  expect(answer.body.data?.runQuery).toBeNull();
  expect((answer.body.errors as GraphQLErrorShape[])[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('a result with more rows than MAX_RESULT_ROWS is cut there and says truncated', async () => {
  const answer = await stack.graphql(
    `{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.id"], limit: 500 }) { rowCount truncated }
       look(id: "1") { result { truncated } } }`,
    { token: analyst },
  );
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data?.runQuery).toEqual({ rowCount: maxResultRows, truncated: true });
  expect(answer.body.data?.look).toEqual({ result: { truncated: false } });
});

test("limit -1 returns every row from the emulator, and run_query's limit bounds a saved -1 query to MAX_RESULT_ROWS + 1", async () => {
  // Looker's -1 is "unlimited": the emulator returns every row, no silent cap.
  const sdk = adminSdk(stack.emulator.url);
  const all = (await ok(
    sdk.run_inline_query({
      result_format: 'json',
      body: { model: 'ecommerce', view: 'order_items', fields: ['order_items.id'], limit: '-1' },
    }),
  )) as unknown as unknown[];
  const [{ n }] = (await stack.emulator.engine.sql('SELECT count(*)::INTEGER AS n FROM order_items')) as [
    { n: number },
  ];
  expect(all).toHaveLength(n);
  expect(n).toBeGreaterThan(5000);
  // What the subgraph asks for a saved -1 query: MAX_RESULT_ROWS + 1 rows, to learn that there were more.
  const saved = await ok(
    sdk.create_query({ model: 'ecommerce', view: 'order_items', fields: ['order_items.id'], limit: '-1' }),
  );
  const run = (await ok(
    sdk.run_query({ query_id: String(saved.id), result_format: 'json', limit: maxResultRows + 1 }),
  )) as unknown as unknown[];
  expect(run).toHaveLength(maxResultRows + 1);
});

test('a saved tile query of limit -1 (every row) is bounded: MAX_RESULT_ROWS rows served, truncated, MAX + 1 asked of Looker', async () => {
  await stack.resetLookerStats();
  const answer = await stack.graphql('{ dashboard(id: "11") { tiles { title result { rowCount truncated } } } }', {
    token: analyst,
  });
  expect(answer.body.errors).toBeUndefined();
  const tiles = (
    answer.body.data?.dashboard as {
      tiles: { title: string; result: { rowCount: number; truncated: boolean } | null }[];
    }
  ).tiles;
  const every = tiles.find((t) => t.title === 'Every Order Item');
  expect(every?.result).toEqual({ rowCount: maxResultRows, truncated: true });
  // Tiles of a few rows are not marked truncated.
  expect(tiles.find((t) => t.title === 'Average Item Price')?.result?.truncated).toBe(false);
  // The run asked Looker for one row more than the bound, never for every row.
  const bodies = stack.emulator.control
    .requests()
    .filter((r) => r.method === 'POST' && r.path.startsWith('/api/4.0/queries/run/'))
    .map((r) => r.body as { fields?: string[]; limit?: string });
  expect(
    bodies.find(
      (b) => (b.fields ?? []).includes('order_items.sale_price') && (b.fields ?? []).includes('order_items.id'),
    )?.limit,
  ).toBe(String(maxResultRows + 1));
});
