import { demoPolicy } from '../../../demo/demo-policy';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Writes are bounded like reads, and every outcome is audited: sizes refused with a message naming
 * the argument, a per-caller write rate, a dashboard's tile count, Looker's own validation passed on;
 * the audit event holds the change and a hash of the idempotency key, never the key.
 */
let stack: SubgraphStack;
let admin: string;

const sandbox = '7';

beforeAll(async () => {
  stack = await startSubgraphStack({
    policy: { current: () => demoPolicy },
    env: { CACHE_METADATA_TTL: '300', WRITE_RATE: '12', WRITE_MAX_DASHBOARD_TILES: '2' },
  });
  admin = await stack.token('demo-admin');
});

afterAll(() => stack?.stop());

const createDashboard = `mutation($input: CreateDashboardInput!) { createDashboard(input: $input) { dashboard { id title } change { dryRun } } }`;

test('a title over 255 characters is BAD_USER_INPUT naming the argument, before any Looker call', async () => {
  const before = (await stack.lookerStats()).total;
  const answer = await stack.graphql(createDashboard, {
    token: admin,
    variables: { input: { title: 'x'.repeat(256), folderId: sandbox } },
  });
  expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.title' });
  expect((await stack.lookerStats()).total).toBe(before);
});

test('a visConfig over 20,000 characters as JSON is BAD_USER_INPUT naming it', async () => {
  const answer = await stack.graphql(
    `mutation($v: JSONObject) { createLook(input: { title: "Big", folderId: "${sandbox}", visConfig: $v,
       query: { model: "ecommerce", view: "order_items", fields: ["order_items.count"] } }) { look { id } } }`,
    { token: admin, variables: { v: { type: 'table', note: 'x'.repeat(20_001) } } },
  );
  expect(answer.body.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    argumentName: 'input.visConfig',
  });
});

test("Looker's own validation is passed on: a dashboard title taken in the folder", async () => {
  const title = `Unique ${Date.now()}`;
  const first = await stack.graphql(createDashboard, {
    token: admin,
    variables: { input: { title, folderId: sandbox } },
  });
  expect(first.body.errors).toBeUndefined();
  const second = await stack.graphql(createDashboard, {
    token: admin,
    variables: { input: { title, folderId: sandbox } },
  });
  expect(second.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(second.body.errors?.[0]?.message).toContain('title');
});

test('a dashboard holds at most WRITE_MAX_DASHBOARD_TILES tiles', async () => {
  const made = await stack.graphql(createDashboard, {
    token: admin,
    variables: { input: { title: `Tiles ${Date.now()}`, folderId: sandbox } },
  });
  const id = (made.body.data as { createDashboard: { dashboard: { id: string } } }).createDashboard.dashboard.id;
  const add = (n: number) =>
    stack.graphql(
      `mutation { addDashboardTile(input: { dashboardId: "${id}", bodyText: "note ${n}" }) { tile { elementId } } }`,
      {
        token: admin,
      },
    );
  expect((await add(1)).body.errors).toBeUndefined();
  expect((await add(2)).body.errors).toBeUndefined();
  const third = await add(3);
  expect(third.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(third.body.errors?.[0]?.message).toContain('the most a dashboard may have (2)');
});

test('the audit event of a create holds the change and the hash of its idempotency key, never the key', async () => {
  const key = 'secret-looking-key-42';
  await stack.graphql(createDashboard, {
    token: admin,
    variables: { input: { title: `Audited ${Date.now()}`, folderId: sandbox, idempotencyKey: key } },
  });
  const event = stack
    .auditEvents()
    .filter((e) => e.type === 'write' && e.mutation === 'createDashboard')
    .at(-1);
  expect(event).toMatchObject({
    outcome: 'ok',
    dryRun: false,
    replayed: false,
    channel: 'graphql',
    rules: ['admins-write-sandbox'],
    change: { folder_id: { old: null, new: sandbox } },
  });
  expect(event?.idempotencyKeyHash).toEqual(expect.any(String));
  expect(JSON.stringify(stack.auditEvents())).not.toContain(key);
  expect((event?.resources as string[]).some((r) => /^dashboard:\d+$/.test(r))).toBe(true);
});

test('favorites in service mode are a clear FAILED_PRECONDITION', async () => {
  const answer = await stack.graphql(`mutation { setFavorite(input: { lookId: "1", favorite: true }) { favorite } }`, {
    token: admin,
  });
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FAILED_PRECONDITION');
  expect(answer.body.errors?.[0]?.message).toContain('LOOKER_IDENTITY=user');
});

test('past WRITE_RATE writes a minute, a caller is LOOKER_RATE_LIMITED, dry runs included', async () => {
  const codes: unknown[] = [];
  for (let i = 0; i < 14; i += 1) {
    const answer = await stack.graphql(createDashboard, {
      token: admin,
      variables: { input: { title: `Rate ${i}`, folderId: sandbox, dryRun: true } },
    });
    codes.push(answer.body.errors?.[0]?.extensions?.code ?? 'ok');
  }
  expect(codes).toContain('LOOKER_RATE_LIMITED');
  expect(codes.at(-1)).toBe('LOOKER_RATE_LIMITED');
});
