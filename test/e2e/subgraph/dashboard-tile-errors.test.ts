import { adminSdk, ok } from '../../support/looker-sdk';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * What a dashboard UI needs when it asks for less than everything or for something wrong: a sign
 * that `tiles(first:)` cut the list, and errors that name the filter to fix while the rest of the
 * dashboard is still served.
 */

let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

type Tile = { id: string; title?: string; type?: string; result: { rows: unknown[] } | null };
type DashboardData = { title: string; tileCount: number; tiles: Tile[] | null };

/** A date expression Looker cannot read, long enough that its echo pushes Looker's reason past 100 characters. */
const badDate = 'the last three fiscal quarters';
/** The emulator's (Looker's) words for why: what tells the user how to fix the value. */
const dateReason = 'is not a date filter Looker understands';

test('tileCount says how many tiles Looker has, so a UI can tell that `first` cut the list', async () => {
  const elements = await ok(adminSdk(stack.emulator.url).dashboard_dashboard_elements('1'));
  const answer = await stack.graphql(
    '{ dashboard(id: "1") { tileCount few: tiles(first: 2) { id } all: tiles { id } } }',
    {
      token,
    },
  );
  expect(answer.body.errors).toBeUndefined();
  const dashboard = answer.body.data?.dashboard as { tileCount: number; few: Tile[]; all: Tile[] };
  expect(elements.length).toBeGreaterThan(2);
  expect(dashboard.tileCount).toBe(elements.length);
  expect(dashboard.few).toHaveLength(2);
  expect(dashboard.all).toHaveLength(dashboard.tileCount);
});

test('an unknown filter name in tiles(filters:) is BAD_USER_INPUT on tiles, naming it and the known names; the dashboard is served', async () => {
  const answer = await stack.graphql(
    '{ dashboard(id: "3") { title tileCount tiles(filters: [{ name: "Colour", value: "Blue" }]) { id } } }',
    { token },
  );
  const dashboard = answer.body.data?.dashboard as DashboardData;
  expect(dashboard.title).toBe('Product Deep Dive');
  expect(dashboard.tileCount).toBeGreaterThan(0);
  expect(dashboard.tiles).toBeNull();
  expect(answer.body.errors).toHaveLength(1);
  const [error] = answer.body.errors ?? [];
  expect(error?.path).toEqual(['dashboard', 'tiles']);
  expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filters' });
  expect(error?.message).toContain('"Colour"');
  expect(error?.message).toContain('"Category"');
  expect(error?.message).toContain('"Brand"');
});

test("an unknown filter name in a tile's result(filters:) is BAD_USER_INPUT on that result; the tiles are served", async () => {
  const answer = await stack.graphql(
    '{ dashboard(id: "3") { title tiles { id title result(filters: [{ name: "Colour", value: "Blue" }]) { rows } } } }',
    { token },
  );
  const dashboard = answer.body.data?.dashboard as DashboardData & { tiles: Tile[] };
  expect(dashboard.title).toBe('Product Deep Dive');
  expect(dashboard.tiles.length).toBeGreaterThan(0);
  expect(dashboard.tiles.every((t) => t.title && t.result === null)).toBe(true);
  for (const error of answer.body.errors ?? []) {
    expect(error.path?.at(-1)).toBe('result');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filters' });
    expect(error.message).toContain('"Colour"');
  }
});

test('a dashboard filter value Looker cannot read is reported once, by the filter name, with the fix readable', async () => {
  const answer = await stack.graphql(
    `{ dashboard(id: "1") { title tiles(filters: [{ name: "Date", value: "${badDate}" }]) { id type result { rows } } } }`,
    { token },
  );
  const dashboard = answer.body.data?.dashboard as DashboardData & { tiles: Tile[] };
  expect(dashboard.title).toBe('Executive Overview');
  // Every tile that listens to Date has no data, but one error says why.
  expect(dashboard.tiles.filter((t) => t.type !== 'text' && t.result === null).length).toBeGreaterThan(1);
  expect(answer.body.errors).toHaveLength(1);
  const [error] = answer.body.errors ?? [];
  expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filters' });
  expect(error?.message).toContain('"Date"');
  expect(error?.message).not.toContain('order_items.created_date');
  expect(error?.message).toContain(dateReason);
});

test('a Looker filter error on an ad-hoc query keeps the words that say how to fix it', async () => {
  const answer = await stack.graphql(
    `{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.count"],
         filters: [{ field: "order_items.created_date", expression: "${badDate}" }] }) { rowCount } }`,
    { token },
  );
  const [error] = answer.body.errors ?? [];
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error?.message).toContain(dateReason);
});
