import { demoPolicy } from '../../../demo/demo-policy';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';
import { writesDuring as writesOf } from '../../support/looker-writes';

/**
 * Writes through the real HTTP front, the real SDK and the emulator: the demo policy lets
 * `demo-admin` (group `admins`) write in Shared/Sandbox only, and schedule to @example.com only.
 * "No Looker write" is the emulator's own counter: no POST/PATCH/DELETE route was called.
 */
let stack: SubgraphStack;
let admin: string;
let analyst: string;

const sandbox = '7';
const sales = '2';
const query = { model: 'ecommerce', view: 'order_items', fields: ['order_items.status', 'order_items.count'] };

beforeAll(async () => {
  // Metadata cached, as in production: a folder's ancestry is read once.
  stack = await startSubgraphStack({ policy: { current: () => demoPolicy }, env: { CACHE_METADATA_TTL: '300' } });
  admin = await stack.token('demo-admin');
  analyst = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

/** Emulator routes that change content, counted while `send` ran. */
const writesDuring = <T>(send: () => Promise<T>) => writesOf(stack, send);

const createLook = `mutation($input: CreateLookInput!) {
  createLook(input: $input) { look { id title deleted folder { id name } } change { dryRun replayed body changed } }
}`;

test('createLook in the Sandbox writes the look, and a read right after sees it in the folder', async () => {
  const { answer, writes } = await writesDuring(() =>
    stack.graphql(createLook, {
      token: admin,
      variables: { input: { title: 'Status counts', folderId: sandbox, query } },
    }),
  );
  expect(answer.body.errors).toBeUndefined();
  const look = (answer.body.data as { createLook: { look: { id: string; title: string; folder: { name: string } } } })
    .createLook.look;
  expect(look).toMatchObject({ title: 'Status counts', folder: { name: 'Sandbox' } });
  expect(writes).toEqual({ 'POST /api/4.0/queries': 1, 'POST /api/4.0/looks': 1 });
  const listed = await stack.graphql(`{ looks(folderId: "${sandbox}") { nodes { id title } } }`, { token: admin });
  expect(JSON.stringify(listed.body.data)).toContain(look.id);
});

test('a write outside the policy folders is FORBIDDEN naming the rule, with no Looker write', async () => {
  // The folder's ancestry is read once (then cached): warm it, so the refusal itself costs nothing.
  await stack.graphql(createLook, {
    token: admin,
    variables: { input: { title: 'x', folderId: sales, query, dryRun: true } },
  });
  const { answer, writes, total } = await writesDuring(() =>
    stack.graphql(createLook, { token: admin, variables: { input: { title: 'Outside', folderId: sales, query } } }),
  );
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.body.errors?.[0]?.message).toContain('admins-write-sandbox');
  expect(writes).toEqual({});
  expect(total).toBe(0);
  const events = stack.auditEvents().filter((e) => e.type === 'write' && e.mutation === 'createLook');
  expect(events.at(-1)).toMatchObject({ outcome: 'refused', reason: 'forbidden', dryRun: false });
});

test('without the write scope, @auth refuses before any Looker call', async () => {
  const { answer, total } = await writesDuring(() =>
    stack.graphql(createLook, { token: analyst, variables: { input: { title: 'x', folderId: sandbox, query } } }),
  );
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.body.errors?.[0]?.extensions?.requiredScopes).toEqual([['looker:content:write']]);
  expect(total).toBe(0);
});

test('dryRun checks the query against its explore and writes nothing', async () => {
  const bad = await stack.graphql(createLook, {
    token: admin,
    variables: {
      input: { title: 'x', folderId: sandbox, dryRun: true, query: { ...query, fields: ['order_items.nope'] } },
    },
  });
  expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(bad.body.errors?.[0]?.message).toContain('order_items.nope');
  const { answer, writes } = await writesDuring(() =>
    stack.graphql(createLook, {
      token: admin,
      variables: { input: { title: 'Dry', folderId: sandbox, dryRun: true, query } },
    }),
  );
  expect(writes).toEqual({});
  expect((answer.body.data as { createLook: unknown }).createLook).toMatchObject({
    look: null,
    change: { dryRun: true, replayed: false, body: { title: 'Dry', folder_id: sandbox } },
  });
});

test('a repeated create with the same idempotencyKey answers the first look and writes once', async () => {
  const variables = { input: { title: 'Once', folderId: sandbox, query, idempotencyKey: 'retry-1' } };
  const first = await writesDuring(() => stack.graphql(createLook, { token: admin, variables }));
  const second = await writesDuring(() => stack.graphql(createLook, { token: admin, variables }));
  const idOf = (a: typeof first) => (a.answer.body.data as { createLook: { look: { id: string } } }).createLook.look.id;
  expect(idOf(second)).toBe(idOf(first));
  expect(first.writes['POST /api/4.0/looks']).toBe(1);
  expect(second.writes).toEqual({});
  expect(
    (second.answer.body.data as { createLook: { change: { replayed: boolean } } }).createLook.change.replayed,
  ).toBe(true);
  const other = await stack.graphql(createLook, {
    token: admin,
    variables: { input: { ...variables.input, title: 'Other' } },
  });
  expect(other.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
});

test('delete and restore a look (soft delete), each audited with the change', async () => {
  const created = await stack.graphql(createLook, {
    token: admin,
    variables: { input: { title: 'Trash me', folderId: sandbox, query } },
  });
  const id = (created.body.data as { createLook: { look: { id: string } } }).createLook.look.id;
  const deleted = await stack.graphql(
    `mutation { deleteLook(id: "${id}") { look { id deleted } change { changed } } }`,
    { token: admin },
  );
  expect(deleted.body.data).toEqual({
    deleteLook: { look: { id, deleted: true }, change: { changed: { deleted: { old: false, new: true } } } },
  });
  const gone = await stack.graphql(`{ looks(folderId: "${sandbox}") { nodes { id } } }`, { token: admin });
  expect(JSON.stringify(gone.body.data)).not.toContain(`"${id}"`);
  const restored = await stack.graphql(`mutation { restoreLook(id: "${id}") { look { deleted } } }`, { token: admin });
  expect(restored.body.data).toEqual({ restoreLook: { look: { deleted: false } } });
  const events = stack.auditEvents().filter((e) => e.type === 'write' && String(e.resources).includes(`look:${id}`));
  expect(events.map((e) => e.mutation)).toEqual(expect.arrayContaining(['createLook', 'deleteLook', 'restoreLook']));
});

test('a dashboard with a filter and a placed tile listening to it, then the tile removed', async () => {
  const dash = await stack.graphql(
    `mutation { createDashboard(input: { title: "Sandbox board ${Date.now()}", folderId: "${sandbox}" }) { dashboard { id } } }`,
    { token: admin },
  );
  expect(dash.body.errors).toBeUndefined();
  const dashboardId = (dash.body.data as { createDashboard: { dashboard: { id: string } } }).createDashboard.dashboard
    .id;
  const filter = await stack.graphql(
    `mutation { addDashboardFilter(input: { dashboardId: "${dashboardId}", name: "status", title: "Status", defaultValue: "complete",
       model: "ecommerce", explore: "order_items", field: "order_items.status" }) { filter { name defaultValue } } }`,
    { token: admin },
  );
  expect(filter.body.data).toEqual({ addDashboardFilter: { filter: { name: 'status', defaultValue: 'complete' } } });
  const tile = await stack.graphql(
    `mutation($q: QueryInput!) { addDashboardTile(input: { dashboardId: "${dashboardId}", title: "Counts", query: $q,
       layout: { row: 0, column: 12, width: 12, height: 6 },
       listensTo: [{ filterName: "status", field: "order_items.status" }] }) {
         tile { elementId title appliedFilters { field expression } layout { column width height } }
         dashboard { tileCount } change { changed } } }`,
    { token: admin, variables: { q: query } },
  );
  expect(tile.body.errors).toBeUndefined();
  const added = (
    tile.body.data as {
      addDashboardTile: {
        tile: { elementId: string; appliedFilters: unknown; layout: unknown };
        dashboard: { tileCount: number };
      };
    }
  ).addDashboardTile;
  expect(added.dashboard.tileCount).toBe(1);
  expect(added.tile.appliedFilters).toEqual([{ field: 'order_items.status', expression: 'complete' }]);
  expect(added.tile.layout).toEqual({ column: 12, width: 12, height: 6 });
  // Read anew through the dashboard, as a client would: the tile is there, placed and listening.
  const read = await stack.graphql(
    `{ dashboard(id: "${dashboardId}") { tiles { elementId appliedFilters { expression } layout { column } } } }`,
    { token: admin },
  );
  expect(read.body.data).toEqual({
    dashboard: {
      tiles: [
        { elementId: added.tile.elementId, appliedFilters: [{ expression: 'complete' }], layout: { column: 12 } },
      ],
    },
  });
  const removed = await stack.graphql(
    `mutation { removeDashboardTile(id: "${added.tile.elementId}") { tile { id } dashboard { tileCount } } }`,
    { token: admin },
  );
  expect(removed.body.data).toEqual({ removeDashboardTile: { tile: null, dashboard: { tileCount: 0 } } });
});

const createSchedule = `mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { schedule { id destinations { address } } } }`;

test('a schedule to an outside address is refused before any Looker write; one to @example.com runs once and is delivered there', async () => {
  const outside = await writesDuring(() =>
    stack.graphql(createSchedule, {
      token: admin,
      variables: {
        input: {
          name: 'Weekly',
          lookId: '1',
          crontab: '0 8 * * 1',
          destinations: [{ type: 'EMAIL', address: 'me@attacker.example.net' }],
        },
      },
    }),
  );
  expect(outside.answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(outside.answer.body.errors?.[0]?.message).toContain('attacker.example.net');
  expect(outside.writes).toEqual({});

  const made = await stack.graphql(createSchedule, {
    token: admin,
    variables: {
      input: {
        name: 'Weekly',
        lookId: '1',
        crontab: '0 8 * * 1',
        destinations: [{ type: 'EMAIL', address: 'team@example.com' }],
      },
    },
  });
  expect(made.body.errors).toBeUndefined();
  const id = (made.body.data as { createSchedule: { schedule: { id: string } } }).createSchedule.schedule.id;
  const run = await stack.graphql(
    `mutation { runScheduleOnce(id: "${id}", idempotencyKey: "run-1") { schedule { id } } }`,
    { token: admin },
  );
  expect(run.body.errors).toBeUndefined();
  await stack.graphql(`mutation { runScheduleOnce(id: "${id}", idempotencyKey: "run-1") { schedule { id } } }`, {
    token: admin,
  });
  const response = await fetch(`${stack.emulator.url}/__emulator/deliveries`);
  const { deliveries } = (await response.json()) as { deliveries: { address: string }[] };
  expect(deliveries.filter((d) => d.address === 'team@example.com')).toHaveLength(1);
});
