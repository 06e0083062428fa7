import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * The subgraph pays Looker's price once: metadata and results are shared across requests, one run
 * serves concurrent callers, `refresh` goes to Looker, and the operator can flush.
 */
let stack: SubgraphStack;
let analyst: string;
const operatorToken = 'operator-credential-for-tests';

beforeAll(async () => {
  stack = await startSubgraphStack({
    env: { CACHE_METADATA_TTL: '300', CACHE_RESULT_TTL: '60', OPERATOR_TOKEN: operatorToken },
  });
  analyst = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

const runs = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .filter(([route]) => route.includes('/run/'))
    .reduce((sum, [, n]) => sum + n, 0);
const flush = () =>
  fetch(`${stack.url}/admin/cache/flush`, { method: 'POST', headers: { authorization: `Bearer ${operatorToken}` } });

beforeEach(async () => {
  expect((await flush()).status).toBe(200);
  await stack.resetLookerStats();
});

test('an explore’s fields are fetched once, whatever the number of requests', async () => {
  const query = '{ explore(model: "ecommerce", name: "order_items") { dimensions { name } } }';
  const answers = await Promise.all(Array.from({ length: 10 }, () => stack.graphql(query, { token: analyst })));
  for (const answer of await Promise.all(Array.from({ length: 5 }, () => stack.graphql(query, { token: analyst }))))
    answers.push(answer);
  for (const answer of answers) expect(answer.body.errors).toBeUndefined();
  const first = JSON.stringify(answers[0]?.body.data);
  for (const answer of answers) expect(JSON.stringify(answer.body.data)).toBe(first);
  expect(
    (await stack.lookerStats()).byRoute['GET /api/4.0/lookml_models/:lookml_model_name/explores/:explore_name'],
  ).toBe(1);
});

test('50 concurrent requests for one dashboard on a cold cache run each distinct tile query once', async () => {
  const query = '{ dashboard(id: "1") { tiles { id query { fields } result { rowCount rows } } } }';
  const answers = await Promise.all(Array.from({ length: 50 }, () => stack.graphql(query, { token: analyst })));
  for (const answer of answers) expect(answer.body.errors).toBeUndefined();
  const stats = await stack.lookerStats();
  // One request alone, caches flushed and counted, is the number of distinct tile queries.
  expect(await flush().then((r) => r.status)).toBe(200);
  await stack.resetLookerStats();
  const single = await stack.graphql(query, { token: analyst });
  expect(single.body.errors).toBeUndefined();
  const distinct = runs((await stack.lookerStats()).byRoute);
  expect(distinct).toBeGreaterThan(1);
  expect(runs(stats.byRoute)).toBe(distinct);
  expect(stats.byRoute['GET /api/4.0/dashboards/search']).toBe(1);
  expect(JSON.stringify(single.body.data)).toBe(JSON.stringify(answers[0]?.body.data));
});

test('a second request is served from the cache: no Looker call, and the audit counts the hits and lists the resources', async () => {
  const query = '{ look(id: "2") { title result(limit: 3) { rowCount } } }';
  await stack.graphql(query, { token: analyst, headers: { 'x-request-id': 'cache-miss-1' } });
  await stack.resetLookerStats();
  const again = await stack.graphql(query, { token: analyst, headers: { 'x-request-id': 'cache-hit-1' } });
  expect(again.body.errors).toBeUndefined();
  expect((await stack.lookerStats()).total).toBe(0);
  const events = stack.auditEvents();
  const miss = events.find((e) => e.requestId === 'cache-miss-1');
  const hit = events.find((e) => e.requestId === 'cache-hit-1');
  expect(miss).toMatchObject({ cacheHits: 0 });
  expect(hit).toMatchObject({ cacheHits: 2, lookerCalls: 0 });
  expect(hit?.resources).toEqual(miss?.resources);
});

test('refresh: true runs the query again, bypassing Looker’s cache, and stores the fresh answer', async () => {
  await stack.graphql('{ look(id: "2") { result(limit: 3) { rowCount } } }', { token: analyst });
  await stack.resetLookerStats();
  const fresh = await stack.graphql('{ look(id: "2") { result(limit: 3, refresh: true) { rowCount } } }', {
    token: analyst,
  });
  expect(fresh.body.errors).toBeUndefined();
  expect(runs((await stack.lookerStats()).byRoute)).toBe(1);
  const { requests } = (await (await fetch(`${stack.emulator.url}/__emulator/requests`)).json()) as {
    requests: { path: string; cache: string | null }[];
  };
  expect(requests.filter((r) => r.path.includes('/run/')).map((r) => r.cache)).toEqual(['false']);
  await stack.resetLookerStats();
  await stack.graphql('{ look(id: "2") { result(limit: 3) { rowCount } } }', { token: analyst });
  expect(runs((await stack.lookerStats()).byRoute)).toBe(0);
});

test('the flush needs the operator credential; a caller’s token is refused', async () => {
  const refused = await fetch(`${stack.url}/admin/cache/flush`, {
    method: 'POST',
    headers: { authorization: `Bearer ${analyst}` },
  });
  expect(refused.status).toBe(401);
  const none = await fetch(`${stack.url}/admin/cache/flush`, { method: 'POST' });
  expect(none.status).toBe(401);
  await stack.graphql('{ look(id: "3") { title } }', { token: analyst });
  await stack.resetLookerStats();
  expect((await flush()).status).toBe(200);
  await stack.graphql('{ look(id: "3") { title } }', { token: analyst });
  expect((await stack.lookerStats()).byRoute['GET /api/4.0/looks/search']).toBe(1);
});

test('scopes are checked on cache hits exactly as on misses', async () => {
  await stack.graphql('{ look(id: "2") { result(limit: 3) { rowCount } } }', { token: analyst });
  const viewer = await stack.token('demo-viewer');
  const denied = await stack.graphql('{ look(id: "2") { title result(limit: 3) { rowCount } } }', { token: viewer });
  expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((denied.body.data as { look: { result: unknown } }).look.result).toBeNull();
});
