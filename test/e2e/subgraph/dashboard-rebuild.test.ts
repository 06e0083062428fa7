import type { IDashboard } from '@looker/sdk';
import { adminSdk, ok } from '../../support/looker-sdk';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * What a frontend needs to draw a dashboard as Looker does, through the subgraph: the grid and
 * each tile's place, visualization and text; values rendered as Looker renders them; totals;
 * named pivot columns. Compared with what Looker itself answers (the emulator, read with the SDK).
 */
let stack: SubgraphStack;
let token: string;

const DASHBOARD_IDS = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '10',
  '11',
  'ecommerce::sales_overview',
  'inventory::stock_overview',
];

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-admin');
});

afterAll(() => stack?.stop());

interface Tile {
  id: string;
  type: string;
  layout: { row: number; column: number; width: number; height: number } | null;
  visType: string | null;
  visConfig: Record<string, unknown> | null;
  subtitle: string | null;
  bodyText: string | null;
  note: string | null;
}

async function data(query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await stack.graphql(query, { token, variables });
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data ?? {};
}

const LAYOUT_QUERY = `query ($id: ID!) {
  dashboard(id: $id) {
    layout { type columns width columnWidth }
    tiles(first: 30) { id type layout { row column width height } visType visConfig subtitle bodyText note }
  }
}`;

describe.each(DASHBOARD_IDS)('dashboard %s', (id) => {
  let looker: IDashboard;
  let served: { layout: { type: string; columns: number }; tiles: Tile[] };

  beforeAll(async () => {
    looker = await ok(adminSdk(stack.emulator.url).dashboard(id));
    served = (await data(LAYOUT_QUERY, { id })).dashboard as typeof served;
  });

  test('the grid and every tile placed as Looker lays it out', () => {
    expect(served.layout).toEqual({ type: 'newspaper', columns: 24, width: null, columnWidth: null });
    const components = looker.dashboard_layouts?.find((l) => l.active)?.dashboard_layout_components ?? [];
    expect(served.tiles.length).toBe(looker.dashboard_elements?.length);
    for (const tile of served.tiles) {
      const c = components.find((x) => x.dashboard_element_id === tile.id);
      expect([tile.id, tile.layout]).toEqual([
        tile.id,
        { row: c?.row, column: c?.column, width: c?.width, height: c?.height },
      ]);
      expect((tile.layout?.column ?? 0) + (tile.layout?.width ?? 0)).toBeLessThanOrEqual(served.layout.columns);
    }
  });

  test('every tile carries its visualization, subtitle and note; text tiles their body as Looker stores it', () => {
    for (const tile of served.tiles) {
      const element = looker.dashboard_elements?.find((e) => e.id === tile.id);
      expect(tile.subtitle).toBe(element?.subtitle_text ?? null);
      expect(tile.note).toBe(element?.note_text ?? null);
      if (tile.type === 'text') {
        expect([tile.visType, tile.bodyText, tile.visConfig]).toEqual(['text', element?.body_text, null]);
        continue;
      }
      const { type, ...rest } = element?.result_maker?.vis_config ?? {};
      expect([tile.id, tile.visType, tile.visConfig, tile.bodyText]).toEqual([tile.id, type, rest, null]);
      expect(Object.keys(tile.visConfig ?? {}).length).toBeGreaterThan(0);
    }
    expect(served.tiles.some((t) => t.subtitle)).toBe(true);
    expect(served.tiles.some((t) => t.note)).toBe(true);
  });
});

test('the demo dashboards use six visualization types and text tiles', async () => {
  const types = new Set<string | null>();
  for (const id of DASHBOARD_IDS) {
    const dashboard = (await data('query ($id: ID!) { dashboard(id: $id) { tiles(first: 30) { visType } } }', { id }))
      .dashboard as { tiles: { visType: string | null }[] };
    for (const tile of dashboard.tiles) types.add(tile.visType);
  }
  for (const type of ['table', 'single_value', 'looker_line', 'looker_column', 'looker_bar', 'looker_pie', 'text'])
    expect(types).toContain(type);
});

const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const percent1 = (n: number) => `${(n * 100).toFixed(1)}%`;

interface Result {
  fields: {
    name: string;
    label: string | null;
    description: string | null;
    valueFormat: string | null;
    type: string | null;
    isMeasure: boolean;
    isPivot: boolean;
  }[];
  rows: Record<string, unknown>[];
  renderedRows: Record<string, unknown>[];
  totals: Record<string, { value: unknown; rendered?: string }> | null;
  pivots: {
    key: string;
    values: Record<string, unknown>;
    labels: Record<string, string>;
    label: string;
    isTotal: boolean;
  }[];
}

const RESULT =
  'fields { name label description valueFormat type isMeasure isPivot } rows renderedRows totals pivots { key values labels label isTotal }';

async function run(input: Record<string, unknown>): Promise<Result> {
  return (await data(`query ($input: QueryInput!) { runQuery(input: $input) { ${RESULT} } }`, { input }))
    .runQuery as Result;
}

test('rendered values are Looker’s formatting: currency, percent and dates, in one run', async () => {
  await stack.resetLookerStats();
  const result = await run({
    model: 'ecommerce',
    view: 'order_items',
    fields: [
      'order_items.created_month',
      'order_items.returned_share',
      'order_items.total_sale_price',
      'order_items.count',
    ],
    sorts: ['order_items.created_month desc'],
    limit: 6,
  });
  expect((await stack.lookerStats()).byRoute['POST /api/4.0/queries/run/:result_format']).toBe(1);
  expect(result.fields.map((f) => [f.name, f.label, f.valueFormat, f.type, f.isMeasure])).toEqual([
    ['order_items.created_month', 'Created Month', null, 'date_month', false],
    ['order_items.returned_share', 'Returned Share', '#,##0.0%', 'average', true],
    ['order_items.total_sale_price', 'Total Sale Price', '$#,##0.00', 'sum', true],
    ['order_items.count', 'Count', null, 'count', true],
  ]);
  expect(result.fields.find((f) => f.name === 'order_items.returned_share')?.description).toBe(
    'Share of items returned',
  );
  expect(result.renderedRows).toHaveLength(6);
  result.rows.forEach((row, i) => {
    const rendered = result.renderedRows[i] ?? {};
    expect(rendered['order_items.total_sale_price']).toBe(usd(Number(row['order_items.total_sale_price'])));
    expect(rendered['order_items.returned_share']).toBe(percent1(Number(row['order_items.returned_share'])));
    expect(rendered['order_items.count']).toBe(Number(row['order_items.count']).toLocaleString('en-US'));
    // Looker renders a month as its value: `2026-05`.
    expect(rendered['order_items.created_month']).toMatch(/^\d{4}-\d{2}$/);
    expect(rendered['order_items.created_month']).toBe(row['order_items.created_month']);
  });
  expect(result.totals).toBeNull();
});

test('totals agree with a separate aggregate query over the same filters', async () => {
  const filters = [{ field: 'order_items.created_date', expression: '12 months' }];
  const withTotals = await run({
    model: 'ecommerce',
    view: 'order_items',
    fields: ['order_items.status', 'order_items.count', 'order_items.total_sale_price', 'order_items.returned_share'],
    filters,
    limit: 2,
    total: true,
  });
  const aggregate = await run({
    model: 'ecommerce',
    view: 'order_items',
    fields: ['order_items.count', 'order_items.total_sale_price', 'order_items.returned_share'],
    filters,
  });
  const [all] = aggregate.rows;
  const totals = withTotals.totals ?? {};
  expect(totals['order_items.count']?.value).toBe(all?.['order_items.count']);
  expect(Number(totals['order_items.total_sale_price']?.value)).toBeCloseTo(
    Number(all?.['order_items.total_sale_price']),
    2,
  );
  expect(totals['order_items.total_sale_price']?.rendered).toBe(
    aggregate.renderedRows[0]?.['order_items.total_sale_price'],
  );
  expect(totals['order_items.returned_share']?.rendered).toBe(percent1(Number(all?.['order_items.returned_share'])));
  // Two rows shown, totals over every row: more than the rows' own sum.
  const shown = withTotals.rows.reduce((sum, r) => sum + Number(r['order_items.count']), 0);
  expect(Number(totals['order_items.count']?.value)).toBeGreaterThan(shown);
});

test('pivoted results name their pivot columns, in the order of the pivoted values', async () => {
  const result = (await data(`{ look(id: "11") { result { ${RESULT} } } }`)).look as { result: Result };
  const { pivots, rows, renderedRows, fields } = result.result;
  expect(pivots.length).toBeGreaterThan(1);
  expect(fields.find((f) => f.name === 'order_items.status')?.isPivot).toBe(true);
  for (const pivot of pivots) {
    expect(pivot.values).toEqual({ 'order_items.status': pivot.key });
    expect(pivot.label).toBe(pivot.key);
    expect(pivot.isTotal).toBe(false);
  }
  const cell = rows[0]?.['order_items.total_sale_price'] as Record<string, number | null>;
  const renderedCell = renderedRows[0]?.['order_items.total_sale_price'] as Record<string, string | null>;
  expect(Object.keys(cell)).toEqual(pivots.map((p) => p.key));
  for (const key of Object.keys(cell))
    expect(renderedCell[key]).toBe(cell[key] === null ? null : usd(Number(cell[key])));
});

test('QueryInput carries table calculations, fill fields, row totals and a time zone to Looker, bounded', async () => {
  await stack.resetLookerStats();
  const dynamicFields = JSON.stringify([
    {
      category: 'table_calculation',
      table_calculation: 'avg_price',
      label: 'Average Price',
      expression: '${order_items.total_sale_price} / ${order_items.count}',
      value_format_name: 'usd',
    },
  ]);
  const result = await run({
    model: 'ecommerce',
    view: 'order_items',
    fields: ['order_items.created_week', 'order_items.total_sale_price', 'order_items.count'],
    sorts: ['order_items.created_week desc'],
    limit: 3,
    dynamicFields,
    fillFields: ['order_items.created_week'],
    queryTimezone: 'America/New_York',
    rowTotal: 'right',
  });
  expect(result.fields.find((f) => f.name === 'avg_price')).toEqual(
    expect.objectContaining({ label: 'Average Price', valueFormat: '$#,##0.00', isMeasure: true }),
  );
  result.rows.forEach((row, i) => {
    const avg = Number(row['order_items.total_sale_price']) / Number(row['order_items.count']);
    expect(result.renderedRows[i]?.avg_price).toBe(usd(avg));
  });
  const body = stack.emulator.control
    .requests()
    .find((r) => r.method === 'POST' && r.path.startsWith('/api/4.0/queries/run/'))?.body as Record<string, unknown>;
  expect(body).toEqual(
    expect.objectContaining({
      dynamic_fields: dynamicFields,
      fill_fields: ['order_items.created_week'],
      query_timezone: 'America/New_York',
      row_total: 'right',
    }),
  );

  const refused = async (input: Record<string, unknown>, argumentName: string) => {
    const answer = await stack.graphql('query ($input: QueryInput!) { runQuery(input: $input) { rowCount } }', {
      token,
      variables: { input: { model: 'ecommerce', view: 'order_items', fields: ['order_items.count'], ...input } },
    });
    expect(answer.body.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName }),
    );
  };
  await stack.resetLookerStats();
  await refused({ dynamicFields: '{not json' }, 'input.dynamicFields');
  await refused({ dynamicFields: 'x'.repeat(20_001) }, 'input.dynamicFields');
  await refused({ queryTimezone: 'New York; DROP' }, 'input.queryTimezone');
  await refused({ rowTotal: 'sideways' }, 'input.rowTotal');
  await refused({ fillFields: Array.from({ length: 201 }, () => 'order_items.created_week') }, 'input.fillFields');
  expect((await stack.lookerStats()).total).toBe(0);
});

test('Looker calls for a dashboard with layout, visualizations and rendered results with totals', async () => {
  await stack.resetLookerStats();
  const answer = await stack.graphql(
    `{ dashboard(id: "11") {
        layout { columns }
        tiles { layout { row column width height } visType visConfig subtitle bodyText note result { renderedRows totals pivots { key label } } }
      } }`,
    { token },
  );
  expect(answer.body.errors).toBeUndefined();
  const tiles = (answer.body.data?.dashboard as { tiles: { visType: string; result: { totals: unknown } | null }[] })
    .tiles;
  expect(tiles.find((t) => t.visType === 'table' && t.result?.totals)).toBeDefined();
  const stats = await stack.lookerStats();
  // One dashboard search (layouts and vis_config come with it), the elements once (the search lacks
  // which filters tiles listen to), and one inline run per distinct filtered tile query.
  const runs = stats.byRoute['POST /api/4.0/queries/run/:result_format'] ?? 0;
  expect(stats.byRoute['GET /api/4.0/dashboards/:dashboard_id']).toBeUndefined();
  expect(runs).toBe(tiles.filter((t) => t.visType !== 'text').length);
  expect(stats.total).toBeLessThanOrEqual(runs + 3);
  console.info(`Looker calls for dashboard 11 with layout, vis and rendered results: ${JSON.stringify(stats.byRoute)}`);
});

test("a dashboard's tiles are asked for alongside the dashboard, not after it: one round trip less", async () => {
  // The dashboard search answers a second late; the tiles' request must reach Looker meanwhile.
  await stack.control('latency', { ms: 1_000, route: 'GET /dashboards/search' });
  try {
    const since = new Date().toISOString();
    await data('{ dashboard(id: "11") { tiles { id result { rowCount } } } }');
    const { requests } = (await (await fetch(`${stack.emulator.url}/__emulator/requests`)).json()) as {
      requests: { time: string; path: string }[];
    };
    const recent = requests.filter((r) => r.time >= since);
    const search = recent.find((r) => r.path === '/api/4.0/dashboards/search');
    const elements = recent.find((r) => r.path === '/api/4.0/dashboards/11/dashboard_elements');
    expect(search && elements).toBeTruthy();
    // Arrival times: the tiles' request came before the search was answered (it waited 1 s).
    expect(Date.parse(elements?.time ?? '') - Date.parse(search?.time ?? '')).toBeLessThan(1_000);
  } finally {
    await stack.control('latency', { ms: 0, route: 'GET /dashboards/search' });
  }
});
