import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { demoPolicy } from '../../../demo/demo-policy';
import { validatePolicy, type Policy } from '../../../src/policy';
import { connectMcp, textOf } from '../../support/mcp-client';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';
import { writesDuring as writesOf } from '../../support/looker-writes';

/**
 * The write tools through the MCP SDK client, read as an agent reads them (the text of each
 * answer), on the real stack with the demo policy: `demo-admin` may write in Shared/Sandbox (7)
 * only and schedule to @example.com only. "No Looker write" is the emulator's own counter.
 */
let stack: SubgraphStack;
let admin: Client;
let policy: Policy = demoPolicy;

const sandbox = '7';
const sales = '2';
const query = { model: 'ecommerce', explore: 'order_items', fields: ['order_items.status', 'order_items.count'] };

/** The demo policy with its write rule as it is, but without `mcp: true`. */
function policyWithoutMcp(): Policy {
  const validated = validatePolicy({
    rules: [
      {
        name: 'admins-write-sandbox',
        when: { claim: 'groups', includes: ['admins'] },
        writes: { folders: [{ path: 'Shared/Sandbox' }], scheduleTo: { emailDomains: ['example.com'] } },
      },
    ],
  });
  if (!validated.ok) throw new Error(validated.problems.join('; '));
  return validated.policy;
}

beforeAll(async () => {
  stack = await startSubgraphStack({ policy: { current: () => policy }, env: { CACHE_METADATA_TTL: '300' } });
  admin = await connectMcp(stack.url, await stack.token('demo-admin'), stack.responses);
});

afterAll(async () => {
  await admin?.close();
  await stack?.stop();
});

afterEach(() => {
  policy = demoPolicy;
});

const call = async (name: string, args: Record<string, unknown>) =>
  (await admin.callTool({ name, arguments: args })) as CallToolResult;

/** Emulator routes that change content, counted while `send` ran. */
const writesDuring = <T>(send: () => Promise<T>) => writesOf(stack, send);

const writeEvents = () => stack.auditEvents().filter((e) => e.type === 'write');

test('the listing marks every write tool as a write, with its annotations, dry_run and idempotency_key', async () => {
  const { tools } = await admin.listTools();
  const byName = new Map(tools.map((t) => [t.name, t]));
  expect(byName.get('search_content')?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
  expect(byName.get('create_look')?.annotations).toMatchObject({
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  });
  for (const name of ['update_look', 'delete_look', 'remove_dashboard_tile', 'update_dashboard_tile'])
    expect(byName.get(name)?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
  for (const name of ['create_schedule', 'run_schedule_once'])
    expect(byName.get(name)?.annotations).toMatchObject({ readOnlyHint: false, openWorldHint: true });
  const writes = tools.filter((t) => t.annotations?.readOnlyHint === false);
  expect(writes.map((t) => t.name)).toEqual(
    expect.arrayContaining([
      'create_look',
      'update_look',
      'delete_look',
      'create_dashboard',
      'add_dashboard_tile',
      'update_dashboard_tile',
      'remove_dashboard_tile',
      'add_dashboard_filter',
      'create_schedule',
      'run_schedule_once',
    ]),
  );
  for (const tool of writes) {
    expect(Object.keys(tool.inputSchema.properties ?? {})).toContain('dry_run');
    expect(tool.inputSchema.required ?? []).not.toContain('dry_run');
    expect(tool.description).toContain('dry_run');
  }
  for (const name of ['create_look', 'create_dashboard', 'add_dashboard_tile', 'create_schedule'])
    expect(Object.keys(byName.get(name)?.inputSchema.properties ?? {})).toContain('idempotency_key');
  expect(admin.getInstructions()).toContain('dry_run');
});

test('demo-admin creates a look in the Sandbox: the text names the new look, Looker got one create, the audit says mcp and the tool', async () => {
  const { answer, writes } = await writesDuring(() =>
    call('create_look', { title: 'Agent status counts', folder_id: sandbox, query }),
  );
  expect(answer.isError).toBeFalsy();
  const look = (answer.structuredContent as { look: { id: string } }).look;
  expect(textOf(answer)).toContain(`Created look ${look.id} "Agent status counts" in folder "Sandbox" (7)`);
  expect(writes).toEqual({ 'POST /api/4.0/queries': 1, 'POST /api/4.0/looks': 1 });
  expect(writeEvents().at(-1)).toMatchObject({
    channel: 'mcp',
    tool: 'create_look',
    mutation: 'createLook',
    outcome: 'ok',
    dryRun: false,
    resources: expect.arrayContaining([`look:${look.id}`]),
  });
});

test('a dry run checks, says what would be written, and writes nothing', async () => {
  const { answer, writes } = await writesDuring(() =>
    call('create_look', { title: 'Dry agent look', folder_id: sandbox, query, dry_run: true }),
  );
  expect(answer.isError).toBeFalsy();
  const text = textOf(answer);
  expect(text).toContain('Dry run, nothing was written: create_look would create look "Dry agent look" in folder 7');
  expect(text).toContain('- title: none → "Dry agent look"');
  expect(writes).toEqual({});
  expect(writeEvents().at(-1)).toMatchObject({ channel: 'mcp', tool: 'create_look', dryRun: true, outcome: 'ok' });

  // A dry run checks the query against its explore too.
  const bad = await call('create_look', {
    title: 'x',
    folder_id: sandbox,
    query: { ...query, fields: ['order_items.nope'] },
    dry_run: true,
  });
  expect(bad.isError).toBe(true);
  expect(textOf(bad)).toContain('order_items.nope');
});

test('a repeat with the same idempotency_key answers the first look and writes once', async () => {
  const args = { title: 'Agent once', folder_id: sandbox, query, idempotency_key: 'agent-retry-1' };
  const first = await writesDuring(() => call('create_look', args));
  const second = await writesDuring(() => call('create_look', args));
  const idOf = (r: CallToolResult) => (r.structuredContent as { look: { id: string } }).look.id;
  expect(idOf(second.answer)).toBe(idOf(first.answer));
  expect(first.writes['POST /api/4.0/looks']).toBe(1);
  expect(second.writes).toEqual({});
  expect(textOf(second.answer)).toContain('by an earlier call with this idempotency_key: nothing new was written now');
});

test('a folder outside the policy is refused with a text naming the rule, and nothing is written', async () => {
  // Warm the folder's ancestry (cached), so the refusal itself is all that is measured.
  await call('create_look', { title: 'x', folder_id: sales, query, dry_run: true });
  const { answer, writes } = await writesDuring(() =>
    call('create_look', { title: 'Outside', folder_id: sales, query }),
  );
  expect(answer.isError).toBe(true);
  const text = textOf(answer);
  expect(text).toContain('FORBIDDEN');
  expect(text).toContain('admins-write-sandbox');
  expect(text).toContain('Folder 2');
  expect(text).toContain('the same call will be refused again');
  expect(writes).toEqual({});
  expect(writeEvents().at(-1)).toMatchObject({
    channel: 'mcp',
    tool: 'create_look',
    outcome: 'refused',
    reason: 'forbidden',
  });
});

test('a schedule to an outside address is refused with no write; one to @example.com is created and sent once', async () => {
  const schedule = {
    name: 'Agent weekly',
    look_id: '1',
    crontab: '0 8 * * 1',
    destinations: [{ type: 'email', address: 'me@attacker.example.net' }],
  };
  const outside = await writesDuring(() => call('create_schedule', schedule));
  expect(outside.answer.isError).toBe(true);
  expect(textOf(outside.answer)).toContain('attacker.example.net');
  expect(textOf(outside.answer)).toContain('admins-write-sandbox');
  expect(outside.writes).toEqual({});

  const made = await call('create_schedule', {
    ...schedule,
    destinations: [{ type: 'email', address: 'agent-team@example.com' }],
  });
  expect(made.isError).toBeFalsy();
  const id = (made.structuredContent as { schedule: { id: string } }).schedule.id;
  expect(textOf(made)).toContain(`Created schedule ${id} "Agent weekly" of look 1`);
  const run = await call('run_schedule_once', { id, idempotency_key: 'agent-run-1' });
  expect(run.isError).toBeFalsy();
  expect(textOf(run)).toContain(`Sent the delivery of schedule ${id}`);
  await call('run_schedule_once', { id, idempotency_key: 'agent-run-1' });
  const response = await fetch(`${stack.emulator.url}/__emulator/deliveries`);
  const { deliveries } = (await response.json()) as { deliveries: { address: string }[] };
  expect(deliveries.filter((d) => d.address === 'agent-team@example.com')).toHaveLength(1);
});

test('a dashboard built by tools: created, a filter, a tile listening to it, the tile changed and removed', async () => {
  const created = await call('create_dashboard', { title: `Agent board ${Date.now()}`, folder_id: sandbox });
  expect(created.isError).toBeFalsy();
  const dashboardId = (created.structuredContent as { dashboard: { id: string } }).dashboard.id;
  expect(textOf(created)).toContain(`Created dashboard ${dashboardId}`);

  const filter = await call('add_dashboard_filter', {
    dashboard_id: dashboardId,
    name: 'status',
    title: 'Status',
    model: 'ecommerce',
    explore: 'order_items',
    field: 'order_items.status',
  });
  expect(filter.isError).toBeFalsy();
  expect(textOf(filter)).toContain('Added filter "status"');

  const tile = await call('add_dashboard_tile', {
    dashboard_id: dashboardId,
    title: 'Counts',
    query,
    listens_to: [{ filter_name: 'status', field: 'order_items.status' }],
  });
  expect(tile.isError).toBeFalsy();
  const tileId = (tile.structuredContent as { tile: { elementId: string } }).tile.elementId;
  expect(textOf(tile)).toContain(`Added tile ${tileId} "Counts"`);
  expect(textOf(tile)).toContain('(now 1 tile)');

  const renamed = await call('update_dashboard_tile', { id: tileId, title: 'Counts by status' });
  expect(renamed.isError).toBeFalsy();
  expect(textOf(renamed)).toContain('- title: "Counts" → "Counts by status"');

  const dry = await writesDuring(() => call('remove_dashboard_tile', { id: tileId, dry_run: true }));
  expect(textOf(dry.answer)).toContain('Dry run, nothing was written');
  expect(dry.writes).toEqual({});
  const removed = await call('remove_dashboard_tile', { id: tileId });
  expect(removed.isError).toBeFalsy();
  expect(textOf(removed)).toContain('(0 tiles left)');

  const deleted = await call('delete_dashboard', { id: dashboardId });
  expect(textOf(deleted)).toContain(`Moved dashboard ${dashboardId}`);
});

test('a policy whose rule lacks `mcp: true`: every write tool is refused naming writes.mcp, while /graphql writes', async () => {
  policy = policyWithoutMcp();
  const args: Record<string, Record<string, unknown>> = {
    create_look: { title: 'No MCP', folder_id: sandbox, query },
    update_look: { id: '1', title: 'No MCP' },
    delete_look: { id: '1' },
    create_dashboard: { title: 'No MCP', folder_id: sandbox },
    update_dashboard: { id: '1', title: 'No MCP' },
    delete_dashboard: { id: '1' },
    add_dashboard_tile: { dashboard_id: '1', body_text: 'No MCP' },
    update_dashboard_tile: { id: '1', title: 'No MCP' },
    remove_dashboard_tile: { id: '1' },
    add_dashboard_filter: { dashboard_id: '1', name: 'nomcp', title: 'No MCP' },
    remove_dashboard_filter: { id: '1' },
    create_schedule: {
      name: 'No MCP',
      look_id: '1',
      crontab: '0 8 * * 1',
      destinations: [{ type: 'email', address: 'team@example.com' }],
    },
    run_schedule_once: { id: '1' },
  };
  const { tools } = await admin.listTools();
  const writeTools = tools.filter((t) => t.annotations?.readOnlyHint === false).map((t) => t.name);
  expect(Object.keys(args).sort()).toEqual([...writeTools].sort());
  for (const name of writeTools) {
    const { answer, writes } = await writesDuring(() => call(name, args[name] ?? {}));
    expect({ name, isError: answer.isError }).toEqual({ name, isError: true });
    expect(textOf(answer)).toContain('FORBIDDEN');
    expect(textOf(answer)).toContain("server's policy (writes.mcp)");
    expect(writes).toEqual({});
    expect(writeEvents().at(-1)).toMatchObject({ channel: 'mcp', tool: name, outcome: 'refused' });
  }

  const overGraphql = await stack.graphql(
    `mutation($input: CreateLookInput!) { createLook(input: $input) { look { id } } }`,
    {
      token: await stack.token('demo-admin'),
      variables: {
        input: {
          title: 'GraphQL still writes',
          folderId: sandbox,
          query: { model: query.model, view: query.explore, fields: query.fields },
        },
      },
    },
  );
  expect(overGraphql.body.errors).toBeUndefined();
  expect(writeEvents().at(-1)).toMatchObject({ channel: 'graphql', mutation: 'createLook', outcome: 'ok' });
});
