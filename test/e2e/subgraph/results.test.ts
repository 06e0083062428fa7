import { adminSdk, ok } from '../../support/looker-sdk';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;
let analyst: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  analyst = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

test("a look's rows equal the same look run directly with the SDK", async () => {
  const answer = await stack.graphql(
    '{ look(id: "5") { query { model view fields } result { rows fields { name isMeasure } } } }',
    { token: analyst },
  );
  expect(answer.body.errors).toBeUndefined();
  const look = answer.body.data?.look as {
    query: { fields: string[] };
    result: { rows: Record<string, unknown>[]; fields: { name: string }[] };
  };
  const direct = (await ok(
    adminSdk(stack.emulator.url).run_look({ look_id: '5', result_format: 'json' }),
  )) as unknown as Record<string, unknown>[];
  expect(look.result.rows.length).toBeGreaterThan(0);
  expect(look.result.rows).toEqual(direct);
  expect(look.result.fields.map((f) => f.name)).toEqual(expect.arrayContaining(look.query.fields));
});

test('runQuery aggregates agree with independent SQL over the same data', async () => {
  const answer = await stack.graphql(
    `{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.status", "order_items.count"], sorts: ["order_items.status"] }) {
        rowCount rows fields { name isMeasure } } }`,
    { token: analyst },
  );
  expect(answer.body.errors).toBeUndefined();
  const result = answer.body.data?.runQuery as {
    rows: Record<string, unknown>[];
    fields: { name: string; isMeasure: boolean }[];
  };
  const expected = await stack.emulator.engine.sql(
    'SELECT status, count(*) AS n FROM order_items GROUP BY status ORDER BY status',
  );
  expect(result.rows).toEqual(
    expected.map((r) => ({ 'order_items.status': r.status, 'order_items.count': Number(r.n) })),
  );
  expect(result.fields).toEqual([
    expect.objectContaining({ name: 'order_items.status', isMeasure: false }),
    expect.objectContaining({ name: 'order_items.count', isMeasure: true }),
  ]);
});

test('explore fields come from the model', async () => {
  const answer = await stack.graphql(
    '{ explore(model: "ecommerce", name: "order_items") { label dimensions { name type view } measures { name type } } }',
    {
      token: analyst,
    },
  );
  expect(answer.body.errors).toBeUndefined();
  const explore = answer.body.data?.explore as {
    dimensions: { name: string; type: string }[];
    measures: { name: string; type: string }[];
  };
  expect(explore.dimensions).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: 'order_items.status', type: 'string' })]),
  );
  expect(explore.measures).toEqual(
    expect.arrayContaining([expect.objectContaining({ name: 'order_items.count', type: 'count' })]),
  );
});

test('a dashboard brings its tiles with rows and its filters', async () => {
  const answer = await stack.graphql(
    '{ dashboards(first: 1) { nodes { id title tiles { title type result(limit: 5) { rowCount } } filters { name dimension } } } }',
    {
      token: analyst,
    },
  );
  expect(answer.body.errors).toBeUndefined();
  const [dashboard] = (
    answer.body.data?.dashboards as {
      nodes: { tiles: { result: { rowCount: number } | null }[]; filters: unknown[] }[];
    }
  ).nodes;
  expect(dashboard?.tiles.length).toBeGreaterThanOrEqual(5);
  expect(dashboard?.tiles.some((t) => (t.result?.rowCount ?? 0) > 0)).toBe(true);
  expect(dashboard?.filters.length).toBeGreaterThan(0);
});
