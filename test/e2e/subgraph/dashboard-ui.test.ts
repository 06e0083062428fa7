import type { IDashboardFilter } from '@looker/sdk';
import { adminSdk, ok } from '../../support/looker-sdk';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * What a dashboard UI reads: each filter's control (Looker's `ui_config`) with its defaults, and
 * connections that say how many items the whole list holds, read with the page itself.
 */

let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

type Control = {
  type: string;
  rawType: string | null;
  display: string;
  options: string[];
  min: number | null;
  max: number | null;
};
type Filter = {
  name: string;
  type: string;
  dimension: string | null;
  allowMultipleValues: boolean;
  required: boolean;
  control: Control;
  field: { name: string; type: string; label: string | null } | null;
};

async function filtersOf(id: string): Promise<Filter[]> {
  const answer = await stack.graphql(
    `query ($id: ID!) { dashboard(id: $id) { filters {
       name type dimension allowMultipleValues required
       control { type rawType display options min max }
       field { name type label }
     } } }`,
    { token, variables: { id } },
  );
  expect(answer.body.errors).toBeUndefined();
  return (answer.body.data?.dashboard as { filters: Filter[] }).filters;
}

/** Looker's own answer for a dashboard's filters, by name. */
async function lookerFilters(id: string): Promise<Map<string, IDashboardFilter>> {
  const dashboard = await ok(adminSdk(stack.emulator.url).dashboard(id));
  return new Map((dashboard.dashboard_filters ?? []).map((f) => [f.name ?? '', f]));
}

test("the Executive Overview's filters name their controls: a relative timeframe and a button group", async () => {
  const filters = await filtersOf('1');
  expect(filters.map((f) => [f.name, f.control.type, f.control.display])).toEqual([
    ['Date', 'RELATIVE_TIMEFRAMES', 'INLINE'],
    ['Department', 'BUTTON_GROUP', 'INLINE'],
  ]);
  const department = filters.find((f) => f.name === 'Department') as Filter;
  expect(department).toMatchObject({
    type: 'field_filter',
    allowMultipleValues: true,
    required: false,
    control: { rawType: 'button_group', options: ['Men', 'Women'], min: null, max: null },
    field: { name: 'products.department', type: 'string' },
  });
});

test("every control is Looker's ui_config: its type, its place, its values, its defaults", async () => {
  for (const id of ['1', '6', '7', '11']) {
    const looker = await lookerFilters(id);
    for (const filter of await filtersOf(id)) {
      const own = looker.get(filter.name) as IDashboardFilter;
      const ui = own.ui_config as { type: string; display: string };
      expect(filter.control.rawType).toBe(ui.type);
      expect(filter.control.type).toBe(ui.type.toUpperCase());
      expect(filter.control.display).toBe(ui.display.toUpperCase());
      expect(filter.allowMultipleValues).toBe(own.allow_multiple_values ?? false);
      expect(filter.required).toBe(own.required ?? false);
      expect(filter.field?.name).toBe(own.dimension);
    }
  }
});

test('a range slider carries its bounds; a required filter says so', async () => {
  const price = (await filtersOf('11')).find((f) => f.name === 'Sale Price') as Filter;
  expect(price.control).toEqual({
    type: 'RANGE_SLIDER',
    rawType: 'range_slider',
    display: 'INLINE',
    options: [],
    min: 0,
    max: 1000,
  });
  expect(price.field).toMatchObject({ name: 'order_items.sale_price', type: 'number' });
  const signup = (await filtersOf('6')).find((f) => f.name === 'Signup Date') as Filter;
  expect(signup).toMatchObject({ required: true, allowMultipleValues: false });
  expect(signup.control).toMatchObject({ type: 'ADVANCED', rawType: 'advanced', display: 'POPOVER' });
});

type Connection = {
  totalCount: number | null;
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

/** Every page of a connection, walked with `after` as a UI pages on. */
async function walk(field: string, args: string): Promise<{ pages: Connection[]; ids: string[] }> {
  const pages: Connection[] = [];
  let after: string | null = null;
  do {
    const answer = await stack.graphql(
      `query ($after: String) { ${field}(${args}, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { token, variables: { after } },
    );
    expect(answer.body.errors).toBeUndefined();
    const page = answer.body.data?.[field] as Connection;
    pages.push(page);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return { pages, ids: pages.flatMap((p) => p.nodes.map((n) => n.id)) };
}

test.each([
  ['looks', 'first: 7'],
  ['dashboards', 'first: 4'],
  ['folders', 'first: 3'],
  ['looks', 'first: 5, search: "revenue"'],
])('every page of %s(%s) tells the size of the whole list', async (field, args) => {
  const { pages, ids } = await walk(field, args);
  expect(pages.length).toBeGreaterThan(1);
  for (const page of pages) expect(page.totalCount).toBe(ids.length);
  expect(new Set(ids).size).toBe(ids.length);
});

test("a folder's looks and dashboards tell their counts", async () => {
  const answer = await stack.graphql(
    '{ folder(id: "2") { looks(first: 2) { totalCount nodes { id } } dashboards(first: 1) { totalCount nodes { id } } } }',
    { token },
  );
  expect(answer.body.errors).toBeUndefined();
  const folder = answer.body.data?.folder as { looks: Connection; dashboards: Connection };
  const sdk = adminSdk(stack.emulator.url);
  const looks = await ok(sdk.search_looks({ folder_id: '2', fields: 'id' }));
  const dashboards = await ok(sdk.search_dashboards({ folder_id: '2', fields: 'id' }));
  expect(folder.looks.totalCount).toBe(looks.length);
  expect(folder.dashboards.totalCount).toBe(dashboards.length);
  expect(folder.looks.nodes.length).toBeLessThan(looks.length);
});

test('the count comes with the page: one Looker search per connection, nothing more', async () => {
  await stack.resetLookerStats();
  const answer = await stack.graphql('{ looks(first: 3) { totalCount } dashboards(first: 3) { totalCount } }', {
    token,
  });
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toEqual({ looks: { totalCount: 56 }, dashboards: { totalCount: expect.any(Number) } });
  expect((await stack.lookerStats()).byRoute).toEqual({
    'GET /api/4.0/looks/search': 1,
    'GET /api/4.0/dashboards/search': 1,
  });
});
