import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectMcp, textOf } from '../../support/mcp-client';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;
let analyst: Client;
let viewer: Client;

beforeAll(async () => {
  stack = await startSubgraphStack();
  analyst = await connectMcp(stack.url, await stack.token('demo-analyst'), stack.responses);
  viewer = await connectMcp(stack.url, await stack.token('demo-viewer'), stack.responses);
});

afterAll(async () => {
  await analyst?.close();
  await viewer?.close();
  await stack?.stop();
});

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;

test('lists the tools, each with a JSON Schema and a description', async () => {
  const { tools } = await analyst.listTools();
  expect(tools.map((t) => t.name)).toEqual([
    'search_content',
    'get_look',
    'run_look',
    'get_dashboard',
    'list_models',
    'describe_explore',
    'suggest_values',
    'run_query',
    'query_sql',
    'query_url',
    'start_query',
    'get_query_task',
    'create_look',
    'update_look',
    'delete_look',
    'create_dashboard',
    'update_dashboard',
    'delete_dashboard',
    'add_dashboard_tile',
    'update_dashboard_tile',
    'remove_dashboard_tile',
    'add_dashboard_filter',
    'remove_dashboard_filter',
    'create_schedule',
    'run_schedule_once',
  ]);
  for (const tool of tools) {
    expect(tool.inputSchema.type).toBe('object');
    expect(tool.description?.length).toBeGreaterThan(40);
  }
  const runQuery = tools.find((t) => t.name === 'run_query');
  expect(Object.keys(runQuery?.inputSchema.properties ?? {})).toEqual([
    'model',
    'explore',
    'fields',
    'filters',
    'sorts',
    'limit',
    'pivots',
    'dynamic_fields',
    'filter_expression',
    'query_timezone',
    'total',
  ]);
  expect(runQuery?.inputSchema.required).toEqual(['model', 'explore', 'fields']);
});

test('the analyst runs every tool and gets structured content with a text rendering', async () => {
  const search = await call(analyst, 'search_content', { query: 'a' });
  expect(search.isError).toBeFalsy();
  const items = (search.structuredContent as { items: { id: string; type: string }[] }).items;
  const look = items.find((i) => i.type === 'look');
  const dashboard = items.find((i) => i.type === 'dashboard');
  expect(look && dashboard).toBeTruthy();

  const onlyDashboards = await call(analyst, 'search_content', { query: '', type: 'dashboard' });
  expect(
    (onlyDashboards.structuredContent as { items: { type: string }[] }).items.every((i) => i.type === 'dashboard'),
  ).toBe(true);

  const got = await call(analyst, 'get_look', { id: look?.id });
  expect(
    (got.structuredContent as { look: { id: string; query: { fields: string[] } } }).look.query.fields.length,
  ).toBeGreaterThan(0);
  expect(textOf(got)).toContain(`Look ${look?.id}`);

  const ran = await call(analyst, 'run_look', { id: look?.id, limit: 3 });
  expect(ran.isError).toBeFalsy();
  const result = (ran.structuredContent as { result: { rows: unknown[]; rowCount: number } }).result;
  expect(result.rows.length).toBeLessThanOrEqual(3);
  expect(textOf(ran)).toMatch(/\| --- \|/);

  const board = await call(analyst, 'get_dashboard', { id: dashboard?.id });
  expect(board.isError).toBeFalsy();
  const tiles = (
    board.structuredContent as {
      dashboard: { tiles: { result: { rowCount: number } | null; appliedFilters: unknown[] }[] };
    }
  ).dashboard.tiles;
  expect(tiles.some((t) => (t.result?.rowCount ?? 0) > 0)).toBe(true);

  const models = await call(analyst, 'list_models');
  expect(textOf(models)).toContain('ecommerce');

  const explore = await call(analyst, 'describe_explore', { model: 'ecommerce', explore: 'order_items' });
  const described = (
    explore.structuredContent as { explore: { dimensions: { name: string }[]; measures: { name: string }[] } }
  ).explore;
  expect(described.dimensions.map((d) => d.name)).toContain('orders.status');
  expect(described.measures.length).toBeGreaterThan(0);

  const suggested = await call(analyst, 'suggest_values', {
    model: 'ecommerce',
    explore: 'order_items',
    field: 'orders.status',
    term: 'COMP',
  });
  expect(suggested.isError).toBeFalsy();
  const values = (suggested.structuredContent as { values: string[] }).values;
  expect(values.length).toBeGreaterThan(0);
  expect(values.every((v) => v.toLowerCase().includes('comp'))).toBe(true);

  const queried = await call(analyst, 'run_query', {
    model: 'ecommerce',
    explore: 'order_items',
    fields: ['orders.status', 'order_items.count'],
    filters: { 'orders.status': values[0] },
    sorts: ['order_items.count desc'],
    limit: 10,
  });
  expect(queried.isError).toBeFalsy();
  const rows = (queried.structuredContent as { result: { rows: Record<string, unknown>[] } }).result.rows;
  expect(rows).toHaveLength(1);
  expect(rows[0]?.['orders.status']).toBe(values[0]);
});

test("the viewer's run_look fails naming looker:data:read, while get_look succeeds", async () => {
  const search = await call(viewer, 'search_content', { query: '', type: 'look' });
  const look = (search.structuredContent as { items: { id: string }[] }).items[0];
  const got = await call(viewer, 'get_look', { id: look?.id });
  expect(got.isError).toBeFalsy();
  const ran = await call(viewer, 'run_look', { id: look?.id });
  expect(ran.isError).toBe(true);
  expect(textOf(ran)).toContain('looker:data:read');
  expect(ran.structuredContent).toBeUndefined();
  const queried = await call(viewer, 'run_query', {
    model: 'ecommerce',
    explore: 'order_items',
    fields: ['orders.status'],
  });
  expect(queried.isError).toBe(true);
  expect(textOf(queried)).toContain('looker:data:read');
});

test('bad input is a tool error that says what to fix', async () => {
  const tooMany = await call(analyst, 'run_query', {
    model: 'ecommerce',
    explore: 'order_items',
    fields: ['orders.status'],
    limit: 100000,
  });
  expect(tooMany.isError).toBe(true);
  expect(textOf(tooMany)).toMatch(/limit/);
  expect(textOf(tooMany)).toMatch(/5000/);

  const unknownField = await call(analyst, 'run_query', {
    model: 'ecommerce',
    explore: 'order_items',
    fields: ['orders.no_such_field'],
  });
  expect(unknownField.isError).toBe(true);
  expect(textOf(unknownField)).toContain('orders.no_such_field');
  expect(textOf(unknownField)).toContain('Fix the arguments');

  const badFilter = await call(analyst, 'run_query', {
    model: 'ecommerce',
    explore: 'order_items',
    fields: ['order_items.count'],
    filters: { 'order_items.sale_price': '>>>abc' },
  });
  expect(badFilter.isError).toBe(true);
  expect(textOf(badFilter)).toMatch(/order_items\.sale_price|filter/);

  const unknownExplore = await call(analyst, 'describe_explore', { model: 'ecommerce', explore: 'nothing_here' });
  expect(unknownExplore.isError).toBe(true);
  expect(textOf(unknownExplore)).toContain('list_models');

  const notADimension = await call(analyst, 'suggest_values', {
    model: 'ecommerce',
    explore: 'order_items',
    field: 'orders.nope',
  });
  expect(notADimension.isError).toBe(true);
  expect(textOf(notADimension)).toContain('dimension');

  const missing = await call(analyst, 'get_look', {});
  expect(missing.isError).toBe(true);
  expect(textOf(missing)).toMatch(/- id:/);

  for (const answer of [tooMany, unknownField, badFilter, unknownExplore, notADimension, missing])
    expect(textOf(answer)).not.toMatch(/\n\s+at /);
});

test('every tool call writes an audit event with channel "mcp" and the tool name', async () => {
  const before = stack.auditEvents().length;
  await call(analyst, 'list_models');
  await call(viewer, 'run_look', { id: '1' });
  await call(analyst, 'run_query', { model: 'ecommerce', explore: 'order_items', fields: ['orders.status'], limit: 0 });
  const events = stack.auditEvents().slice(before);
  expect(events).toHaveLength(3);
  expect(events.every((e) => e.channel === 'mcp')).toBe(true);
  expect(events.map((e) => e.tool)).toEqual(['list_models', 'run_look', 'run_query']);
  expect(events[0]).toMatchObject({ subject: 'demo-analyst', outcome: 'ok', operationName: 'McpListModels' });
  expect(events[1]).toMatchObject({
    subject: 'demo-viewer',
    outcome: 'partial',
    denied: [{ path: 'look.result', requiredScopes: [['looker:content:read', 'looker:data:read']] }],
  });
  expect(events[2]).toMatchObject({ subject: 'demo-analyst', outcome: 'refused', reason: 'invalid_arguments' });
  // GraphQL operations keep their door in the same field.
  await stack.graphql('{ viewer { subject } }', { token: await stack.token('demo-analyst') });
  expect(stack.auditEvents().at(-1)).toMatchObject({ channel: 'graphql' });
});

test('no token is 401 with the resource metadata link, and the metadata names the issuer and scopes', async () => {
  const response = await fetch(`${stack.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
  });
  expect(response.status).toBe(401);
  const challenge = response.headers.get('www-authenticate') ?? '';
  expect(challenge).toContain(`resource_metadata="${stack.url}/.well-known/oauth-protected-resource"`);
  const bad = await fetch(`${stack.url}/mcp`, {
    method: 'POST',
    headers: { authorization: 'Bearer not-a-token', 'content-type': 'application/json' },
    body: '{}',
  });
  expect(bad.status).toBe(401);
  expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
  const metadata = (await (await fetch(`${stack.url}/.well-known/oauth-protected-resource`)).json()) as Record<
    string,
    unknown
  >;
  expect(metadata).toMatchObject({
    resource: `${stack.url}/mcp`,
    authorization_servers: [stack.issuer.issuer.issuer],
    bearer_methods_supported: ['header'],
    scopes_supported: expect.arrayContaining(['looker:data:read']),
  });
  expect(
    stack
      .auditEvents()
      .filter((e) => e.channel === 'mcp' && e.outcome === 'unauthenticated')
      .map((e) => e.reason),
  ).toEqual(expect.arrayContaining(['missing']));
});

test('GET with a token answers 405: the stateless server offers no stream', async () => {
  const response = await fetch(`${stack.url}/mcp`, {
    headers: { authorization: `Bearer ${await stack.token('demo-analyst')}`, accept: 'text/event-stream' },
  });
  stack.responses.push(await response.text());
  expect(response.status).toBe(405);
});
