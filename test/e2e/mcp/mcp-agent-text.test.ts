import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { maxTextLength } from '../../../src/mcp';
import { describeExplore } from '../../../src/mcp/model-tools';
import { connectMcp, textOf } from '../../support/mcp-client';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

// What an agent reads: many MCP clients hand the model only a tool's text content, so each text
// must carry what the next call needs (field names, totals, the next page's argument, rendered values).

let stack: SubgraphStack;
let analyst: Client;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
  analyst = await connectMcp(stack.url, token, stack.responses);
  // The SDK client validates each structured answer against the tool's outputSchema once it has listed the tools.
  await analyst.listTools();
});

afterAll(async () => {
  await analyst?.close();
  await stack?.stop();
});

const call = async (name: string, args: Record<string, unknown> = {}) => {
  const result = (await analyst.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}`);
  return result;
};

interface GraphQLField {
  name: string;
  label: string | null;
  type: string;
  hidden: boolean;
}

test('every tool declares an outputSchema, annotations and when to use it, and its structured answer validates', async () => {
  const listed = (await analyst.listTools()).tools;
  expect(listed).toHaveLength(25);
  // The write tools (readOnlyHint: false) have their own test: mcp-write-tools.test.ts.
  const tools = listed.filter((t) => t.annotations?.readOnlyHint !== false);
  expect(tools).toHaveLength(12);
  for (const tool of tools) {
    expect(tool.outputSchema?.type).toBe('object');
    expect(tool.annotations).toMatchObject({
      title: tool.title,
      readOnlyHint: true,
      // Each start_query starts another task; get_query_task answers as the task stands.
      idempotentHint: !['start_query', 'get_query_task'].includes(tool.name),
      openWorldHint: false,
    });
    // Each description points to the tool to use before or after it.
    expect(tool.description).toMatch(
      /\b(search_content|get_look|run_look|get_dashboard|list_models|describe_explore|suggest_values|run_query|start_query|get_query_task)\b/,
    );
  }
  // Every tool, with the SDK client checking its structured content against its outputSchema.
  const answers = [
    await call('search_content', { query: 'a' }),
    await call('get_look', { id: '14' }),
    await call('run_look', { id: '14', limit: 3 }),
    await call('get_dashboard', { id: '1' }),
    await call('list_models'),
    await call('describe_explore', { model: 'ecommerce', explore: 'order_items' }),
    await call('suggest_values', { model: 'ecommerce', explore: 'order_items', field: 'orders.status' }),
    await call('run_query', { model: 'ecommerce', explore: 'order_items', fields: ['orders.status'] }),
  ];
  for (const answer of answers) expect(answer.structuredContent).toBeDefined();
});

test("describe_explore's text names every dimension and measure of order_items with its label and type", async () => {
  const answer = await stack.graphql(
    '{ explore(model: "ecommerce", name: "order_items") { dimensions { name label type hidden } measures { name label type hidden } } }',
    { token },
  );
  const explore = (answer.body.data as { explore: { dimensions: GraphQLField[]; measures: GraphQLField[] } }).explore;
  const text = textOf(await call('describe_explore', { model: 'ecommerce', explore: 'order_items' }));
  expect(text.length).toBeLessThanOrEqual(maxTextLength);
  expect(text).not.toContain('(cut;');
  const lines = text.split('\n');
  const measures = explore.measures.filter((f) => !f.hidden);
  expect(measures.length).toBeGreaterThan(0);
  for (const field of [...explore.dimensions.filter((f) => !f.hidden), ...measures]) {
    const line = lines.find((l) => l.startsWith(`- ${field.name} `));
    expect(line).toBeDefined();
    expect(line).toContain(JSON.stringify(field.label));
    expect(line).toContain(field.type);
  }
  // Measures are listed as measures.
  const measuresAt = lines.findIndex((l) => /^Measures \(\d+\)/.test(l));
  expect(measuresAt).toBeGreaterThan(0);
  expect(lines.slice(measuresAt).join('\n')).toContain(`- ${measures[0]?.name} `);
});

test("describe_explore's text names the filter-only fields and the parameters with their allowed values and default", async () => {
  const text = textOf(await call('describe_explore', { model: 'ecommerce', explore: 'order_items' }));
  expect(text.length).toBeLessThanOrEqual(maxTextLength);
  const lines = text.split('\n');
  expect(lines).toContain('Filter-only fields (1):');
  expect(lines).toContain('- order_items.product_brand "Order Items Product Brand Filter" string');
  expect(lines).toContain('Parameters (1):');
  expect(lines).toContain(
    '- order_items.sale_price_metric "Order Items Sale Price Metric" unquoted; values "sum" "Total", "average" "Average", "max" "Largest"; default "sum"',
  );
  // Not listed among the fields a query may select.
  expect(lines.filter((l) => l.startsWith('- order_items.product_brand '))).toHaveLength(1);
  expect(text).toMatch(/use them in run_query's filters only/);
});

test('describe_explore fits a 150-field explore in its text budget, and past it lists every measure and says how to get the omitted dimensions', () => {
  const field = (view: string, i: number, type: string) => ({
    name: `${view}.field_number_${i}`,
    label: `${view} Field Number ${i}`,
    type,
    description: 'A field of a wide explore, described at some length so that descriptions cannot all fit.',
    view,
    hidden: false,
  });
  const explore = (views: number, perView: number, measuresPerView: number) => ({
    explore: {
      model: 'wide',
      name: 'wide',
      label: 'Wide',
      description: null,
      dimensions: Array.from({ length: views * perView }, (_, i) =>
        field(`view_${Math.floor(i / perView)}`, i, 'string'),
      ),
      measures: Array.from({ length: views * measuresPerView }, (_, i) =>
        field(`view_${Math.floor(i / measuresPerView)}`, 10_000 + i, 'sum'),
      ),
      filterOnlyFields: [],
      parameters: [],
    },
  });
  const answer = (data: ReturnType<typeof explore>, view?: string) =>
    describeExplore.answer(data, { model: 'wide', explore: 'wide', ...(view ? { view } : {}) });

  const fits = answer(explore(5, 20, 10));
  expect(fits.text.length).toBeLessThanOrEqual(maxTextLength);
  for (const f of [...explore(5, 20, 10).explore.dimensions, ...explore(5, 20, 10).explore.measures])
    expect(fits.text).toContain(`- ${f.name} `);

  const wide = explore(12, 60, 4);
  const past = answer(wide);
  expect(past.text.length).toBeLessThanOrEqual(maxTextLength);
  for (const m of wide.explore.measures) expect(past.text).toContain(`- ${m.name} `);
  const omitted = /(\d+) dimensions? of (\d+) views? (?:are|is) not listed/.exec(past.text);
  expect(omitted).not.toBeNull();
  const listed = wide.explore.dimensions.filter((d) => past.text.includes(`- ${d.name} `)).length;
  expect(listed + Number(omitted?.[1])).toBe(wide.explore.dimensions.length);
  expect(past.text).toMatch(/describe_explore with view "view_\d+"/);
  const oneView = answer(wide, 'view_11');
  for (const d of wide.explore.dimensions.filter((f) => f.name.startsWith('view_11.')))
    expect(oneView.text).toContain(`- ${d.name} `);
});

test('describe_explore with a view lists only that view, through the real client', async () => {
  const text = textOf(await call('describe_explore', { model: 'ecommerce', explore: 'order_items', view: 'users' }));
  const fieldLines = text.split('\n').filter((l) => l.startsWith('- '));
  expect(fieldLines.length).toBeGreaterThan(0);
  expect(fieldLines.every((l) => l.startsWith('- users.'))).toBe(true);
});

test('search_content says how many there are and how to get the next page, and the next page works', async () => {
  const all = await stack.graphql('{ looks(search: "", first: 200) { nodes { id } } }', { token });
  const lookIds = (all.body.data as { looks: { nodes: { id: string }[] } }).looks.nodes.map((l) => l.id);
  expect(lookIds.length).toBeGreaterThan(25);

  const seen: string[] = [];
  let args: Record<string, unknown> = { query: '', type: 'look' };
  for (let page = 0; page < 20; page += 1) {
    const text = textOf(await call('search_content', args));
    expect(text).toContain(`of ${lookIds.length}`);
    seen.push(...Array.from(text.matchAll(/^- look (\S+):/gm), (m) => m[1] ?? ''));
    const next = /cursor "([^"]+)"/.exec(text)?.[1];
    if (!next) break;
    args = { query: '', type: 'look', cursor: next };
  }
  expect(seen).toEqual(lookIds);
});

test("run_query's text shows the fields' labels and Looker's rendered values", async () => {
  const fields = ['orders.status', 'order_items.total_sale_price', 'order_items.average_sale_price'];
  const graphql = await stack.graphql(
    `{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ${JSON.stringify(fields)}, limit: 5 }) { fields { name label } rows renderedRows } }`,
    { token },
  );
  const result = (
    graphql.body.data as {
      runQuery: {
        fields: { name: string; label: string }[];
        rows: Record<string, unknown>[];
        renderedRows: Record<string, string>[];
      };
    }
  ).runQuery;
  const ran = await call('run_query', { model: 'ecommerce', explore: 'order_items', fields, limit: 5 });
  const text = textOf(ran);
  for (const f of result.fields) expect(text).toContain(f.label);
  const cells = text.split('\n').filter((l) => l.startsWith('| '));
  result.renderedRows.forEach((row, i) => {
    for (const name of fields) expect(cells[i + 2]).toContain(` ${row[name]} `);
  });
  // The sale price is rendered in dollars, not as Looker's raw number.
  expect(result.renderedRows[0]?.['order_items.average_sale_price']).toMatch(/^\$/);
  expect(text).not.toContain(String(result.rows[0]?.['order_items.average_sale_price']));
  // Programs still read the raw values.
  expect((ran.structuredContent as { result: { rows: unknown[] } }).result.rows).toEqual(result.rows);
});

test("run_look's text shows labels and rendered values too", async () => {
  const text = textOf(await call('run_look', { id: 14, limit: 3 }));
  expect(text).toContain('Average Sale Price');
  expect(text).toMatch(/\| \$\d/);
  expect(text).not.toMatch(/\d\.\d{5,}/);
});

test('get_dashboard with filters returns each tile filtered, under its own element id', async () => {
  type Tile = {
    id: string;
    title: string | null;
    appliedFilters: { field: string; expression: string }[];
    result: { rows: Record<string, unknown>[] } | null;
  };
  const tilesOf = (r: CallToolResult) => (r.structuredContent as { dashboard: { tiles: Tile[] } }).dashboard.tiles;
  const unfiltered = await call('get_dashboard', { id: '3' });
  const categories = await call('suggest_values', {
    model: 'ecommerce',
    explore: 'order_items',
    field: 'products.category',
  });
  const category = (categories.structuredContent as { values: string[] }).values[0] as string;
  const filtered = await call('get_dashboard', { id: '3', filters: { Category: category } });
  const before = tilesOf(unfiltered);
  const after = tilesOf(filtered);
  // The tiles are the same tiles: their ids are Looker's element ids, whatever the filter values.
  expect(after.map((t) => t.id)).toEqual(before.map((t) => t.id));
  const listening = after.filter((t) => t.appliedFilters.some((f) => f.field === 'products.category'));
  expect(listening.length).toBeGreaterThan(0);
  for (const tile of listening) {
    expect(tile.appliedFilters).toContainEqual({ field: 'products.category', expression: category });
    const categoryValues = (tile.result?.rows ?? []).map((r) => r['products.category']).filter((v) => v !== undefined);
    expect(categoryValues.every((v) => v === category)).toBe(true);
  }
  const changed = listening.filter(
    (t) => JSON.stringify(t.result?.rows) !== JSON.stringify(before.find((b) => b.id === t.id)?.result?.rows),
  );
  expect(changed.length).toBeGreaterThan(0);
  expect(textOf(filtered)).toContain(`products.category = ${JSON.stringify(category)}`);
});

test('get_dashboard with a filter the dashboard lacks says so once, naming it', async () => {
  const answer = (await analyst.callTool({
    name: 'get_dashboard',
    arguments: { id: '3', filters: { Nope: 'x' } },
  })) as CallToolResult;
  expect(answer.isError).toBe(true);
  const text = textOf(answer);
  expect(text).toContain('Nope');
  expect(text.split('Nope').length - 1).toBe(1);
});

test('ids may be numbers, as most clients send them', async () => {
  const got = await call('get_look', { id: 14 });
  expect(textOf(got)).toContain('Look 14:');
  const board = await call('get_dashboard', { id: 1 });
  expect(textOf(board)).toContain('Dashboard 1:');
  // How many tiles it has, so a model knows whether it saw them all.
  expect(textOf(board)).toMatch(/^Tiles: \d+\.$/m);
  const inFolder = await call('search_content', { query: '', folderId: 2 });
  expect(textOf(inFolder)).toContain('folder "Sales"');
});
