import type { IDashboard, IDashboardElement } from '@looker/sdk';
import { adminSdk, ok } from '../../support/looker-sdk';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;
let token: string;
let dashboard: IDashboard;

/** A dashboard whose tiles listen to a filter with a default value, as Looker serves it. */
beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
  const sdk = adminSdk(stack.emulator.url);
  const all = await ok(sdk.search_dashboards({}));
  const found = all.find((d) => (d.dashboard_filters ?? []).some((f) => f.name === 'Status' && f.default_value));
  if (!found?.id) throw new Error('the demo content has no dashboard with a Status filter default');
  // The whole dashboard: a search answer is not proven to say which filters each tile listens to.
  dashboard = await ok(sdk.dashboard(found.id));
});

afterAll(() => stack?.stop());

const listensToStatus = (e: IDashboardElement) =>
  (e.result_maker?.filterables ?? []).some((f) => (f.listen ?? []).some((l) => l.dashboard_filter_name === 'Status'));

type Tile = {
  id: string;
  elementId: string;
  appliedFilters: { field: string; expression: string }[];
  result: { rows: Record<string, unknown>[] } | null;
};

async function tiles(filters?: { name: string; value: string }[]): Promise<Tile[]> {
  const answer = await stack.graphql(
    'query ($id: ID!, $filters: [DashboardFilterValue!]) { dashboard(id: $id) { tiles(filters: $filters) { id elementId appliedFilters { field expression } result { rows } } } }',
    { token, variables: { id: dashboard.id, filters } },
  );
  expect(answer.body.errors).toBeUndefined();
  return (answer.body.data?.dashboard as { tiles: Tile[] }).tiles;
}

/** What Looker answers for the tile's own query with these filters laid over it, asked directly. */
async function direct(tileId: string, filters: Record<string, string>): Promise<Record<string, unknown>[]> {
  const element = (dashboard.dashboard_elements ?? []).find((e) => e.id === tileId);
  const query = element?.query ?? element?.look?.query ?? element?.result_maker?.query;
  if (!query) throw new Error(`tile ${tileId} has no query`);
  const body = {
    model: query.model,
    view: query.view,
    fields: query.fields,
    sorts: query.sorts,
    limit: query.limit,
    filters: { ...query.filters, ...filters },
  };
  return (await ok(
    adminSdk(stack.emulator.url).run_inline_query({ result_format: 'json', body }),
  )) as unknown as Record<string, unknown>[];
}

test("tiles apply the dashboard filters' defaults, as the dashboard shows them", async () => {
  const statusDefault = dashboard.dashboard_filters?.find((f) => f.name === 'Status')?.default_value ?? '';
  const listening = (dashboard.dashboard_elements ?? []).filter(listensToStatus);
  expect(listening.length).toBeGreaterThan(0);
  const served = await tiles();
  for (const element of listening) {
    const tile = served.find((t) => t.id === element.id) as Tile;
    expect(tile.appliedFilters).toContainEqual({ field: 'order_items.status', expression: statusDefault });
    expect(tile.result?.rows).toEqual(
      await direct(tile.id, Object.fromEntries(tile.appliedFilters.map((f) => [f.field, f.expression]))),
    );
  }
});

test('a chosen filter value replaces the default; an empty one filters nothing', async () => {
  const cancelled = await tiles([{ name: 'Status', value: 'Cancelled' }]);
  const unfiltered = await tiles([{ name: 'Status', value: '' }]);
  const element = (dashboard.dashboard_elements ?? []).find(listensToStatus) as IDashboardElement;
  const chosen = cancelled.find((t) => t.elementId === element.id) as Tile;
  expect(chosen.appliedFilters).toContainEqual({ field: 'order_items.status', expression: 'Cancelled' });
  expect(chosen.result?.rows).toEqual(
    await direct(chosen.elementId, Object.fromEntries(chosen.appliedFilters.map((f) => [f.field, f.expression]))),
  );
  // Tiles read with other values than the defaults have an id of their own (client caches key objects by id).
  expect(chosen.id).not.toBe(element.id);
  const bare = unfiltered.find((t) => t.elementId === element.id) as Tile;
  expect(bare.id).not.toBe(chosen.id);
  expect(bare.appliedFilters.some((f) => f.field === 'order_items.status')).toBe(false);
  expect(bare.result?.rows).not.toEqual(chosen.result?.rows);
});

test("a tile's own result(filters:) and appliedFilters(filters:) apply the chosen value, under the tile's element id", async () => {
  const answer = await stack.graphql(
    `query ($id: ID!, $filters: [DashboardFilterValue!]) { dashboard(id: $id) { tiles {
       id elementId appliedFilters(filters: $filters) { field expression } result(filters: $filters) { rows } } } }`,
    { token, variables: { id: dashboard.id, filters: [{ name: 'Status', value: 'Cancelled' }] } },
  );
  expect(answer.body.errors).toBeUndefined();
  const served = (answer.body.data?.dashboard as { tiles: Tile[] }).tiles;
  const element = (dashboard.dashboard_elements ?? []).find(listensToStatus) as IDashboardElement;
  const chosen = served.find((t) => t.id === element.id) as Tile;
  expect(chosen.elementId).toBe(element.id);
  expect(chosen.appliedFilters).toContainEqual({ field: 'order_items.status', expression: 'Cancelled' });
  expect(chosen.result?.rows).toEqual(
    await direct(chosen.id, Object.fromEntries(chosen.appliedFilters.map((f) => [f.field, f.expression]))),
  );
});

test('an unknown filter name is BAD_USER_INPUT naming the argument', async () => {
  const answer = await stack.graphql(
    'query ($id: ID!) { dashboard(id: $id) { tiles(filters: [{ name: "Nope", value: "x" }]) { id } } }',
    {
      token,
      variables: { id: dashboard.id },
    },
  );
  expect(answer.body.errors?.[0]?.extensions).toEqual(
    expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'filters' }),
  );
});

// Names every plain object answers to (`Object.prototype`'s) are not the dashboard's filters.
test.each(['constructor', '__proto__', 'toString'])(
  'the filter name "%s" is unknown wherever a dashboard filter is named',
  async (name) => {
    const byField = {
      tiles: 'tiles(filters: $filters) { id }',
      suggestions: 'filters { suggestions(values: $filters) }',
      exportUrl: 'tiles { exportUrl(format: CSV, filters: $filters) }',
      result: 'tiles { result(filters: $filters) { rowCount } }',
      appliedFilters: 'tiles { appliedFilters(filters: $filters) { field } }',
    };
    for (const [field, selection] of Object.entries(byField)) {
      const answer = await stack.graphql(
        `query ($id: ID!, $filters: [DashboardFilterValue!]) { dashboard(id: $id) { ${selection} } }`,
        {
          token,
          variables: { id: dashboard.id, filters: [{ name, value: 'x' }] },
        },
      );
      expect([field, answer.body.errors?.[0]?.extensions?.code, answer.body.errors?.[0]?.message]).toEqual([
        field,
        'BAD_USER_INPUT',
        expect.stringContaining(`no filter named "${name}"`),
      ]);
    }
  },
);

test('tiles that share a filtered query still run it once', async () => {
  await stack.resetLookerStats();
  const served = await tiles();
  const distinct = new Set(
    served
      .filter((t) => t.result !== null)
      .map((t) => {
        const element = (dashboard.dashboard_elements ?? []).find((e) => e.id === t.id);
        return JSON.stringify([
          element?.query_id ?? element?.look?.query_id ?? element?.result_maker?.query_id,
          t.appliedFilters,
        ]);
      }),
  );
  const runs = Object.entries((await stack.lookerStats()).byRoute)
    .filter(([route]) => route.includes('/run/'))
    .reduce((sum, [, n]) => sum + n, 0);
  expect(runs).toBe(distinct.size);
});
