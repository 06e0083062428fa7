import type { IDashboard } from '@looker/sdk';
import { adminSdk, ok } from '../../support/looker-sdk';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;
let analyst: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  analyst = await stack.token('demo-analyst');
  // Warm the service session so that counts below are of data calls, not of the first login.
  await stack.graphql('{ look(id: "1") { id } }', { token: analyst });
});

afterAll(() => stack?.stop());

beforeEach(() => stack.resetLookerStats());

test('a page of 50 looks with folders and models takes at most 3 Looker calls (1: both come with the looks)', async () => {
  const answer = await stack.graphql('{ looks(first: 50) { nodes { title folder { name } model { label } } } }', {
    token: analyst,
  });
  expect(answer.body.errors).toBeUndefined();
  const nodes = (
    answer.body.data?.looks as { nodes: { title: string; folder: { name: string }; model: { label: string } }[] }
  ).nodes;
  expect(nodes).toHaveLength(50);
  expect(nodes.every((n) => n.title && n.folder?.name && n.model?.label)).toBe(true);
  const stats = await stack.lookerStats();
  expect(stats.total).toBeLessThanOrEqual(3);
  expect(stats.byRoute).toEqual({ 'GET /api/4.0/looks/search': 1 });
});

test("the explores of the looks' models are loaded once for all of them", async () => {
  const answer = await stack.graphql('{ looks(first: 50) { nodes { model { name explores { name } } } } }', {
    token: analyst,
  });
  expect(answer.body.errors).toBeUndefined();
  const models = (
    answer.body.data?.looks as { nodes: { model: { name: string; explores: { name: string }[] } }[] }
  ).nodes.map((n) => n.model);
  expect(new Set(models.map((m) => m.name))).toEqual(new Set(['ecommerce', 'inventory']));
  expect(models.every((m) => m.explores.length > 0)).toBe(true);
  expect((await stack.lookerStats()).byRoute).toEqual({
    'GET /api/4.0/looks/search': 1,
    'GET /api/4.0/lookml_models': 1,
  });
});

test('_entities for 20 looks is one search call', async () => {
  const representations = Array.from({ length: 20 }, (_, i) => ({ __typename: 'Look', id: String(i + 1) }));
  const answer = await stack.graphql(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Look { id title } } }',
    {
      token: analyst,
      variables: { r: representations },
    },
  );
  expect(answer.body.errors).toBeUndefined();
  const entities = answer.body.data?._entities as { id: string; title: string }[];
  expect(entities.map((e) => e.id)).toEqual(representations.map((r) => r.id));
  expect(entities.every((e) => e.title.length > 0)).toBe(true);
  const stats = await stack.lookerStats();
  expect(stats.total).toBe(1);
  expect(stats.byRoute['GET /api/4.0/looks/search']).toBe(1);
});

test('tiles that share a query run it once', async () => {
  const sdk = adminSdk(stack.emulator.url);
  const dashboards = await ok(sdk.search_dashboards({}));
  const full: IDashboard[] = await Promise.all(dashboards.map((d) => ok(sdk.dashboard(String(d.id)))));
  const queryIdOf = (e: NonNullable<IDashboard['dashboard_elements']>[number]) =>
    e.query_id ?? e.look?.query_id ?? e.result_maker?.query_id;
  const sharing = full.find((d) => {
    const ids = (d.dashboard_elements ?? []).map(queryIdOf).filter(Boolean);
    return new Set(ids).size < ids.length;
  });
  expect(sharing).toBeDefined();
  const queryIds = (sharing?.dashboard_elements ?? []).map(queryIdOf).filter(Boolean);
  await stack.resetLookerStats();

  const answer = await stack.graphql(`{ dashboard(id: "${sharing?.id}") { tiles { id result { rowCount } } } }`, {
    token: analyst,
  });
  expect(answer.body.errors).toBeUndefined();
  const tiles = (answer.body.data?.dashboard as { tiles: { result: { rowCount: number } | null }[] }).tiles;
  expect(tiles.filter((t) => t.result !== null)).toHaveLength(queryIds.length);
  const stats = await stack.lookerStats();
  const runs = Object.entries(stats.byRoute)
    .filter(([route]) => route.includes('/run/'))
    .reduce((sum, [, n]) => sum + n, 0);
  expect(runs).toBe(new Set(queryIds).size);
  expect(runs).toBeLessThan(queryIds.length);
});

test('a look asked for twice in one request runs its query once', async () => {
  const answer = await stack.graphql(
    '{ a: look(id: "3") { result { rowCount } } b: look(id: "3") { result { rowCount } } }',
    { token: analyst },
  );
  expect(answer.body.errors).toBeUndefined();
  const stats = await stack.lookerStats();
  expect(stats.byRoute['GET /api/4.0/looks/search']).toBe(1);
  const runs = Object.entries(stats.byRoute).filter(([route]) => route.includes('/run/'));
  expect(runs.reduce((sum, [, n]) => sum + n, 0)).toBe(1);
});
