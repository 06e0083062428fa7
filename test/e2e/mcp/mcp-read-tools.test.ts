import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { adminSdk, ok } from '../../support/looker-sdk';
import { connectMcp, textOf } from '../../support/mcp-client';
import { startSubgraphStack, testLookerSecret, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * The read tools an agent finds in other Looker MCP servers, through the MCP SDK client, read as
 * an agent reads them: the text of each answer.
 */
let stack: SubgraphStack;
let analyst: Client;
let admin: Client;
let viewer: Client;

beforeAll(async () => {
  stack = await startSubgraphStack();
  analyst = await connectMcp(stack.url, await stack.token('demo-analyst'), stack.responses);
  admin = await connectMcp(stack.url, await stack.token('demo-admin'), stack.responses);
  viewer = await connectMcp(stack.url, await stack.token('demo-viewer'), stack.responses);
});

afterAll(async () => {
  await analyst?.close();
  await admin?.close();
  await viewer?.close();
  await stack?.stop();
});

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;

/** The API paths the emulator received since the last reset (`/api/4.0/queries/run/sql`). */
async function lookerPaths(): Promise<string[]> {
  const response = await fetch(`${stack.emulator.url}/__emulator/requests`);
  const { requests } = (await response.json()) as { requests: { method: string; path: string }[] };
  return requests.map((r) => `${r.method} ${r.path}`);
}

const byStatus = {
  model: 'ecommerce',
  explore: 'order_items',
  fields: ['orders.status', 'order_items.count'],
  sorts: ['orders.status'],
};

/** The table lines of a tool's text (`| … |`), header and separator excluded. */
const tableRows = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.includes('---'))
    .slice(1);

test('the new tools are listed with their arguments; start_query is not idempotent', async () => {
  const { tools } = await analyst.listTools();
  const names = tools.map((t) => t.name);
  for (const name of ['query_sql', 'query_url', 'start_query', 'get_query_task']) expect(names).toContain(name);
  const runQuery = tools.find((t) => t.name === 'run_query');
  expect(Object.keys(runQuery?.inputSchema.properties ?? {})).toEqual(
    expect.arrayContaining(['pivots', 'dynamic_fields', 'filter_expression', 'query_timezone', 'total']),
  );
  expect(tools.find((t) => t.name === 'start_query')?.annotations).toMatchObject({
    readOnlyHint: true,
    idempotentHint: false,
  });
  expect(tools.find((t) => t.name === 'query_sql')?.annotations?.idempotentHint).toBe(true);
  const runLook = tools.find((t) => t.name === 'run_look');
  expect(Object.keys(runLook?.inputSchema.properties ?? {})).toEqual(['id', 'filters', 'limit']);
});

test('run_query pivots: each measure gets a column per pivot value, and totals follow the table', async () => {
  const plain = await call(analyst, 'run_query', { ...byStatus, fields: [...byStatus.fields, 'products.department'] });
  expect(plain.isError).toBeFalsy();
  // Unpivoted: a row per status and department.
  expect(tableRows(textOf(plain))).toHaveLength(10);
  expect(textOf(plain)).not.toContain('Count [Men]');

  const pivoted = await call(analyst, 'run_query', {
    ...byStatus,
    fields: [...byStatus.fields, 'products.department'],
    pivots: ['products.department'],
    total: true,
  });
  expect(pivoted.isError).toBeFalsy();
  const text = textOf(pivoted);
  expect(text).toContain('Pivoted on');
  const header = text.split('\n').find((l) => l.startsWith('| ') && l.includes('Status')) ?? '';
  expect(header).toContain('Count [Men]');
  expect(header).toContain('Count [Women]');
  // One row per status, not per status and department.
  expect(tableRows(text)).toHaveLength(5);
  expect(text).toMatch(/^Totals: "Count \[(Men|Women)\]" = "[\d,]+"/m);
});

test('run_query filter_expression narrows the rows; what the emulator cannot read is an input error', async () => {
  const all = await call(analyst, 'run_query', byStatus);
  expect(tableRows(textOf(all))).toHaveLength(5);

  const narrowed = await call(analyst, 'run_query', {
    ...byStatus,
    filter_expression:
      '${orders.status} = "Complete" OR (${orders.status} = "Shipped" AND NOT ${order_items.sale_price} < 0)',
  });
  expect(narrowed.isError).toBeFalsy();
  const text = textOf(narrowed);
  expect(tableRows(text)).toHaveLength(2);
  expect(text).toContain('Complete');
  expect(text).toContain('Shipped');
  expect(text).not.toContain('Cancelled');

  const matches = await call(analyst, 'run_query', {
    ...byStatus,
    filter_expression: 'matches_filter(${orders.status}, `Returned`)',
  });
  expect(tableRows(textOf(matches))).toHaveLength(1);

  // A condition on a measure filters the groups (HAVING): statuses with more than 15,000 items.
  const big = await call(analyst, 'run_query', { ...byStatus, filter_expression: '${order_items.count} > 15000' });
  expect(tableRows(textOf(big))).toHaveLength(3);

  const unreadable = await call(analyst, 'run_query', {
    ...byStatus,
    filter_expression: 'diff_days(${orders.status}) > 1',
  });
  expect(unreadable.isError).toBe(true);
  expect(textOf(unreadable)).toMatch(/filter_expression|diff_days/);

  const tooLong = await call(analyst, 'run_query', { ...byStatus, filter_expression: 'x'.repeat(5001) });
  expect(tooLong.isError).toBe(true);
  expect(textOf(tooLong)).toContain('filter_expression');
});

test('run_query dynamic_fields add a table calculation column; query_timezone is accepted', async () => {
  const answer = await call(analyst, 'run_query', {
    ...byStatus,
    fields: [...byStatus.fields, 'doubled'],
    dynamic_fields: JSON.stringify([
      { table_calculation: 'doubled', label: 'Doubled Count', expression: '${order_items.count} * 2' },
    ]),
    query_timezone: 'America/New_York',
  });
  expect(answer.isError).toBeFalsy();
  const text = textOf(answer);
  expect(text).toContain('"Doubled Count" = doubled');
  const rows = (answer.structuredContent as { result: { rows: Record<string, unknown>[] } }).result.rows;
  expect(rows[0]?.doubled).toBe(Number(rows[0]?.['order_items.count']) * 2);
});

test('query_sql answers the SQL and runs nothing; without looker:sql:read it is refused', async () => {
  const before = (await lookerPaths()).length;
  const answer = await call(admin, 'query_sql', { ...byStatus, filters: { 'orders.status': 'Complete' } });
  expect(answer.isError).toBeFalsy();
  const text = textOf(answer);
  expect(text).toContain('SELECT');
  expect(text).toMatch(/WHERE[\s\S]*Complete/);
  const calls = (await lookerPaths()).slice(before);
  expect(calls).toContain('POST /api/4.0/queries/run/sql');
  expect(calls.filter((c) => /run\/(json|csv)|\/run_query|query_tasks/.test(c))).toEqual([]);

  const refused = await call(analyst, 'query_sql', byStatus);
  expect(refused.isError).toBe(true);
  expect(textOf(refused)).toContain('looker:sql:read');
});

test('query_url links to the query in Looker: the same query, the same link, opening its explore', async () => {
  const before = (await lookerPaths()).length;
  const first = await call(viewer, 'query_url', { ...byStatus, filters: { 'orders.status': 'Complete' } });
  expect(first.isError).toBeFalsy();
  const url = (first.structuredContent as { url: string }).url;
  expect(textOf(first)).toContain(url);
  expect(url.startsWith(`${stack.emulator.url}/x/`)).toBe(true);
  const again = await call(viewer, 'query_url', { ...byStatus, filters: { 'orders.status': 'Complete' } });
  expect((again.structuredContent as { url: string }).url).toBe(url);
  const other = await call(viewer, 'query_url', byStatus);
  expect((other.structuredContent as { url: string }).url).not.toBe(url);
  // Nothing ran: the query was only saved.
  expect((await lookerPaths()).slice(before).filter((c) => c.includes('/run'))).toEqual([]);

  // The link is Looker's for that saved query, which opens the explore with its fields and filters.
  const sdk = adminSdk(stack.emulator.url, testLookerSecret);
  const saved = await ok(
    sdk.create_query({
      model: 'ecommerce',
      view: 'order_items',
      fields: byStatus.fields,
      sorts: byStatus.sorts,
      filters: { 'orders.status': 'Complete' },
      limit: '100',
    }),
  );
  expect(saved.share_url).toBe(url);
  expect(saved.expanded_share_url).toContain('/explore/ecommerce/order_items?');
  expect(saved.expanded_share_url).toContain('orders.status');
  const bySlug = await ok(sdk.query_for_slug(saved.slug ?? ''));
  expect(bySlug.share_url).toBe(url);
  await sdk.authSession.logout();
});

test('run_look with filters returns fewer rows, and a filter on a field the look filters replaces it', async () => {
  const all = await call(analyst, 'run_look', { id: '3' });
  const allRows = (all.structuredContent as { result: { rowCount: number } }).result.rowCount;
  expect(allRows).toBeGreaterThan(1);
  const usa = await call(analyst, 'run_look', { id: '3', filters: { 'users.country': 'USA' } });
  expect(usa.isError).toBeFalsy();
  expect(textOf(usa)).toContain('With filters for this run: users.country = "USA"');
  expect((usa.structuredContent as { result: { rowCount: number } }).result.rowCount).toBe(1);
  expect(tableRows(textOf(usa))).toHaveLength(1);

  // Look 5 counts items of the last 30 days; a year instead counts more (a merge would count the same).
  const count = (answer: CallToolResult) =>
    Number(
      (answer.structuredContent as { result: { rows: Record<string, unknown>[] } }).result.rows[0]?.[
        'order_items.count'
      ],
    );
  const saved = count(await call(analyst, 'run_look', { id: '5' }));
  const year = count(await call(analyst, 'run_look', { id: '5', filters: { 'order_items.created_date': '365 days' } }));
  expect(year).toBeGreaterThan(saved);

  const bad = await call(analyst, 'run_look', { id: '3', filters: { 'users.nope': 'x' } });
  expect(bad.isError).toBe(true);
});

test('start_query starts a task and get_query_task returns its rows once complete', async () => {
  const started = await call(analyst, 'start_query', byStatus);
  expect(started.isError).toBeFalsy();
  const id = (started.structuredContent as { task: { id: string } }).task.id;
  expect(textOf(started)).toContain(`get_query_task with id ${JSON.stringify(id)}`);
  let text = '';
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const polled = await call(analyst, 'get_query_task', { id });
    expect(polled.isError).toBeFalsy();
    text = textOf(polled);
    if (!text.includes(': RUNNING')) break;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  expect(text).toContain(': COMPLETE');
  expect(tableRows(text)).toHaveLength(5);

  // Another caller cannot read it.
  const foreign = await call(admin, 'get_query_task', { id });
  expect(foreign.isError).toBe(true);
  expect(textOf(foreign)).toContain('No query task');
});

test('search_content finds LookML dashboards by title, which Looker dashboard search never returns', async () => {
  const found = await call(viewer, 'search_content', { query: 'sales overview' });
  expect(found.isError).toBeFalsy();
  const text = textOf(found);
  expect(text).toContain('LookML dashboards (1):');
  expect(text).toContain('dashboard ecommerce::sales_overview: "Sales Overview (LookML)"');
  const items = (found.structuredContent as { items: { id: string; type: string }[] }).items;
  expect(items).toContainEqual(expect.objectContaining({ id: 'ecommerce::sales_overview', type: 'dashboard' }));
  // It opens like any other dashboard.
  const opened = await call(analyst, 'get_dashboard', { id: 'ecommerce::sales_overview' });
  expect(opened.isError).toBeFalsy();

  const looksOnly = await call(viewer, 'search_content', { query: 'sales overview', type: 'look' });
  expect(textOf(looksOnly)).not.toContain('LookML');
});

describe('GraphQL', () => {
  test('Look.result(filters:) runs the look with the filters merged, without changing the look', async () => {
    const token = await stack.token('demo-analyst');
    const answer = await stack.graphql(
      `{ all: look(id: "3") { result { rowCount } }
         usa: look(id: "3") { result(filters: [{ field: "users.country", expression: "USA" }]) { rowCount rows } query { filters { field } } } }`,
      { token },
    );
    expect(answer.body.errors).toBeUndefined();
    const data = answer.body.data as {
      all: { result: { rowCount: number } };
      usa: { result: { rowCount: number; rows: Record<string, unknown>[] }; query: { filters: unknown[] } };
    };
    expect(data.all.result.rowCount).toBeGreaterThan(1);
    expect(data.usa.result.rowCount).toBe(1);
    expect(data.usa.result.rows[0]?.['users.country']).toBe('USA');
    expect(data.usa.query.filters).toEqual([]);
  });

  test('querySql needs looker:sql:read; queryUrl and lookmlDashboards need only the viewer scopes', async () => {
    const input = { model: 'ecommerce', view: 'order_items', fields: ['orders.status'] };
    const document = `query Q($input: QueryInput!) { querySql(input: $input) queryUrl(input: $input) lookmlDashboards(search: "overview") { id title } }`;
    const refused = await stack.graphql(document, { token: await stack.token('demo-analyst'), variables: { input } });
    const data = refused.body.data as {
      querySql: string | null;
      queryUrl: string | null;
      lookmlDashboards: { id: string }[];
    };
    expect(data.querySql).toBeNull();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.body.errors?.[0]?.path).toEqual(['querySql']);
    expect(data.queryUrl).toContain('/x/');
    expect(data.lookmlDashboards.map((d) => d.id).sort()).toEqual([
      'ecommerce::sales_overview',
      'inventory::stock_overview',
    ]);

    const allowed = await stack.graphql(document, { token: await stack.token('demo-admin'), variables: { input } });
    expect((allowed.body.data as { querySql: string }).querySql).toMatch(/^SELECT/);
  });
});
