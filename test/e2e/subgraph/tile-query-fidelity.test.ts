import type { IDashboard, IQuery } from '@looker/sdk';
import { adminSdk, ok } from '../../support/looker-sdk';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;
let token: string;
/** The demo dashboard whose tiles use custom fields, table calculations, totals, pivots and time zones. */
let analysis: IDashboard;

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
  analysis = await ok(adminSdk(stack.emulator.url).dashboard('11'));
});

afterAll(() => stack?.stop());

type Tile = {
  id: string;
  title: string | null;
  appliedFilters: { field: string; expression: string }[];
  query: { model: string } | null;
  result: { fields: { name: string }[]; rows: Record<string, unknown>[]; rowCount: number } | null;
};

async function tiles(id: string, filters?: { name: string; value: string }[]): Promise<Tile[]> {
  const answer = await stack.graphql(
    `query ($id: ID!, $filters: [DashboardFilterValue!]) {
      dashboard(id: $id) { id title tiles(filters: $filters) { id title appliedFilters { field expression } query { model } result { fields { name } rows rowCount } } }
    }`,
    { token, variables: { id, filters } },
  );
  expect(answer.body.errors).toBeUndefined();
  return (answer.body.data?.dashboard as { tiles: Tile[] }).tiles;
}

/** The properties of a query that decide its result, besides its filters and limit. */
const CARRIED = [
  'model',
  'view',
  'fields',
  'pivots',
  'fill_fields',
  'filter_expression',
  'sorts',
  'column_limit',
  'total',
  'row_total',
  'subtotals',
  'dynamic_fields',
  'query_timezone',
  'vis_config',
] as const;

/** The query bodies Looker received for inline runs, as the emulator recorded them. */
async function inlineRunBodies(): Promise<Record<string, unknown>[]> {
  return stack.emulator.control
    .requests()
    .filter((r) => r.method === 'POST' && r.path.startsWith('/api/4.0/queries/run/'))
    .map((r) => r.body as Record<string, unknown>);
}

test('a tile re-run with a dashboard filter keeps every property of its query', async () => {
  const queries = (analysis.dashboard_elements ?? []).map((e) => e.query).filter((q): q is IQuery => Boolean(q));
  // The demo content covers each property at least once.
  for (const key of [
    'dynamic_fields',
    'fill_fields',
    'filter_expression',
    'column_limit',
    'row_total',
    'subtotals',
    'query_timezone',
  ] as const) {
    expect(queries.some((q) => q[key] !== null && q[key] !== undefined)).toBe(true);
  }
  expect(queries.some((q) => q.total === true)).toBe(true);
  expect(queries.some((q) => (q.pivots ?? []).length > 0)).toBe(true);

  await stack.resetLookerStats();
  const served = await tiles('11', [{ name: 'Category', value: 'Jeans' }]);
  const bodies = await inlineRunBodies();
  expect(bodies).toHaveLength(queries.length);
  for (const query of queries) {
    const body = bodies.find(
      (b) =>
        JSON.stringify(b.fields) === JSON.stringify(query.fields) &&
        (b.dynamic_fields ?? null) === (query.dynamic_fields ?? null),
    );
    expect(body).toBeDefined();
    for (const key of CARRIED) expect([key, body?.[key] ?? null]).toEqual([key, query[key] ?? null]);
    expect(body?.filters).toEqual({
      ...query.filters,
      'order_items.created_date': '90 days',
      'products.category': 'Jeans',
    });
  }
  // What the properties do shows in the results: the table calculation's column, the custom measure's.
  const average = served.find((t) => t.title === 'Average Item Price');
  expect(average?.result?.fields.map((f) => f.name)).toContain('average_item_price');
  expect(average?.result?.rows).toEqual([expect.objectContaining({ 'products.category': 'Jeans' })]);
  const row = average?.result?.rows[0] ?? {};
  expect(Number(row.average_item_price)).toBeCloseTo(
    Number(row['order_items.total_sale_price']) / Number(row['order_items.count']),
    6,
  );
  expect(served.find((t) => t.title === 'Buyers per Category')?.result?.fields.map((f) => f.name)).toContain('buyers');
});

test('filters apply when the dashboard search does not say which filters each tile listens to', async () => {
  const [searched] = await ok(adminSdk(stack.emulator.url).search_dashboards({ id: '11' }));
  expect((searched?.dashboard_elements ?? []).every((e) => !e.result_maker?.filterables)).toBe(true);
  await stack.resetLookerStats();
  const served = await tiles('11');
  expect(served.length).toBeGreaterThan(0);
  // Every tile that runs a query (text tiles run none).
  for (const tile of served.filter((t) => t.query))
    expect(tile.appliedFilters).toContainEqual({ field: 'order_items.created_date', expression: '90 days' });
  const stats = await stack.lookerStats();
  expect(stats.byRoute['GET /api/4.0/dashboards/:dashboard_id/dashboard_elements']).toBe(1);
});

test('a LookML dashboard by its model::name id, with its tiles and their results', async () => {
  await stack.resetLookerStats();
  const answer = await stack.graphql('{ dashboard(id: "ecommerce::sales_overview") { id title } }', { token });
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data?.dashboard).toEqual({ id: 'ecommerce::sales_overview', title: 'Sales Overview (LookML)' });
  const served = await tiles('ecommerce::sales_overview', [{ name: 'Status', value: 'Complete' }]);
  const vis = served.filter((t) => t.query !== null);
  expect(vis.length).toBeGreaterThanOrEqual(3);
  for (const tile of vis) {
    expect(tile.appliedFilters).toEqual(
      expect.arrayContaining([
        { field: 'order_items.created_date', expression: '30 days' },
        { field: 'order_items.status', expression: 'Complete' },
      ]),
    );
    expect(tile.result?.rowCount).toBeGreaterThan(0);
  }
  // Looker's search never returns LookML dashboards: they are read by id, and their tiles run inline.
  const stats = await stack.lookerStats();
  expect(stats.byRoute['GET /api/4.0/dashboards/search']).toBeUndefined();
  expect(stats.byRoute['GET /api/4.0/dashboards/:dashboard_id']).toBeGreaterThanOrEqual(1);
  expect(stats.byRoute['POST /api/4.0/queries/run/:result_format']).toBe(vis.length);
});

test('a LookML dashboard runs its tiles inline even without filter values', async () => {
  const served = await tiles('inventory::stock_overview');
  expect(served.map((t) => t.result?.rowCount ?? 0).every((n) => n > 0)).toBe(true);
  expect((await stack.graphql('{ dashboard(id: "ecommerce::no_such_dashboard") { id } }', { token })).body).toEqual({
    data: { dashboard: null },
  });
});
