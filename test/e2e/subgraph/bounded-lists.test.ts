import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/** Every list that grows with Looker content is paged or bounded, and every string has a limit. */
let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack();
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

type Page = {
  nodes: { id: string; name?: string; title?: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

test('folders come a page at a time, with a cursor to the next, in one Looker search each', async () => {
  await stack.resetLookerStats();
  const first = await stack.graphql('{ folders(first: 2) { nodes { id name } pageInfo { hasNextPage endCursor } } }', {
    token,
  });
  const page = (first.body.data as { folders: Page }).folders;
  expect(page.nodes).toHaveLength(2);
  expect(page.pageInfo.hasNextPage).toBe(true);
  const stats = await stack.lookerStats();
  expect(stats.byRoute['GET /api/4.0/folders/search']).toBe(1);
  expect(stats.byRoute['GET /api/4.0/folders']).toBeUndefined();
  const next = await stack.graphql(`{ folders(first: 2, after: "${page.pageInfo.endCursor}") { nodes { id } } }`, {
    token,
  });
  const ids = (next.body.data as { folders: Page }).folders.nodes.map((f) => f.id);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(page.nodes.map((f) => f.id)).not.toContain(id);
});

test('folders can be narrowed by name and by parent', async () => {
  const all = await stack.graphql('{ folders(first: 200) { nodes { id name parent { id } } } }', { token });
  const folders = (
    all.body.data as { folders: { nodes: { id: string; name: string; parent: { id: string } | null }[] } }
  ).folders.nodes;
  const child = folders.find((f) => f.parent !== null);
  expect(child).toBeDefined();
  const byParent = await stack.graphql(`{ folders(parentId: "${child?.parent?.id}") { nodes { id } } }`, { token });
  expect((byParent.body.data as { folders: Page }).folders.nodes.map((f) => f.id)).toContain(child?.id);
  const name = (child?.name ?? '').slice(1, 4).toUpperCase();
  const byName = await stack.graphql(`{ folders(search: "${name}") { nodes { id name } } }`, { token });
  const found = (byName.body.data as { folders: Page }).folders.nodes;
  expect(found.map((f) => f.id)).toContain(child?.id);
  for (const folder of found) expect(folder.name?.toUpperCase()).toContain(name);
});

test("a folder's looks and dashboards are pages too", async () => {
  const answer = await stack.graphql(
    '{ folders(first: 20) { nodes { looks(first: 1) { nodes { id } pageInfo { hasNextPage } } dashboards(first: 1) { nodes { id } } } } }',
    {
      token,
    },
  );
  expect(answer.body.errors).toBeUndefined();
  const folders = (answer.body.data as { folders: { nodes: { looks: Page; dashboards: Page }[] } }).folders.nodes;
  for (const folder of folders) {
    expect(folder.looks.nodes.length).toBeLessThanOrEqual(1);
    expect(folder.dashboards.nodes.length).toBeLessThanOrEqual(1);
  }
  expect(folders.some((f) => f.looks.pageInfo.hasNextPage)).toBe(true);
});

test('a dashboard serves at most `first` tiles; `first` out of range is BAD_USER_INPUT', async () => {
  const few = await stack.graphql('{ dashboard(id: "1") { tiles(first: 2) { id } } }', { token });
  expect((few.body.data as { dashboard: { tiles: unknown[] } }).dashboard.tiles).toHaveLength(2);
  const tooMany = await stack.graphql('{ dashboard(id: "1") { tiles(first: 201) { id } } }', { token });
  expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
});

test('strings and lists have documented limits, and the error names the argument without echoing it', async () => {
  await stack.resetLookerStats();
  const long = 'x'.repeat(20_000);
  const search = await stack.graphql(`{ looks(search: "${long}") { nodes { id } } }`, { token });
  expect(search.status).toBe(200);
  expect(search.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'search' });
  expect(search.body.errors?.[0]?.message).toContain('at most 200 characters');
  expect(JSON.stringify(search.body).length).toBeLessThan(1000);
  const filters = Array.from({ length: 51 }, (_, i) => `{ name: "f${i}", value: "" }`).join(',');
  const tiles = await stack.graphql(`{ dashboard(id: "1") { tiles(filters: [${filters}]) { id } } }`, { token });
  expect(tiles.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filters' });
  const expression = await stack.graphql(
    `{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.count"], filters: [{ field: "order_items.status", expression: "${'a'.repeat(1001)}" }] }) { rowCount } }`,
    { token },
  );
  expect(expression.body.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    argumentName: 'input.filters[0].expression',
  });
  // Refused arguments cost Looker nothing.
  expect((await stack.lookerStats()).byRoute['GET /api/4.0/looks/search']).toBeUndefined();
  expect((await stack.lookerStats()).byRoute['POST /api/4.0/queries/run/:result_format']).toBeUndefined();
});
