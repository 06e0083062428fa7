import { startMetricsServer, UNAUTHENTICATED_OPERATION_LABEL, type MetricsServer } from '../../../src/observability';
import { startSubgraphStack, testAudience, type SubgraphStack } from '../../support/subgraph-stack';
import { scrape } from './scrape';

let stack: SubgraphStack;
let metrics: MetricsServer;

beforeAll(async () => {
  stack = await startSubgraphStack();
  metrics = await startMetricsServer(0, '127.0.0.1');
});

afterAll(async () => {
  await metrics?.close();
  await stack?.stop();
});

const pageOfLooks = 'query PageOfLooks { looks(first: 5) { nodes { id title } } }';

test('GET /metrics serves Prometheus text with the process metrics; nothing else is served', async () => {
  const scraped = await scrape(metrics.url);
  expect(scraped.status).toBe(200);
  expect(scraped.contentType).toMatch(/^text\/plain/);
  expect(scraped.has('process_cpu_user_seconds_total')).toBe(true);
  expect(scraped.has('nodejs_eventloop_lag_seconds')).toBe(true);
  expect((await fetch(`${metrics.url}/`)).status).toBe(404);
  expect((await fetch(`${metrics.url}/graphql`)).status).toBe(404);
  expect((await fetch(`${metrics.url}/metrics`, { method: 'POST' })).status).toBe(405);
});

test('Looker requests are counted per Looker operation as many times as Looker saw them', async () => {
  const token = await stack.token('demo-analyst');
  await stack.graphql(pageOfLooks, { token });
  await stack.resetLookerStats();
  const before = await scrape(metrics.url);
  for (let i = 0; i < 3; i += 1) expect((await stack.graphql(pageOfLooks, { token })).body.errors).toBeUndefined();
  const after = await scrape(metrics.url);
  const seen = await stack.lookerStats();

  const searches = seen.byRoute['GET /api/4.0/looks/search'] ?? 0;
  expect(searches).toBeGreaterThanOrEqual(3);
  const delta = (name: string, labels: Record<string, string>) =>
    after.value(name, labels) - before.value(name, labels);
  expect(delta('looker_requests_total', { endpoint: 'search_looks' })).toBe(searches);
  expect(delta('looker_requests_total', { endpoint: 'search_looks', status: '200' })).toBe(searches);
  expect(delta('looker_request_duration_seconds_count', { endpoint: 'search_looks', status: '200' })).toBe(searches);
  // Every request Looker received was counted once, whatever its endpoint.
  expect(delta('looker_requests_total', {})).toBe(seen.total);
  expect(delta('graphql_operation_duration_seconds_count', { operation: 'PageOfLooks', outcome: 'ok' })).toBe(3);
  // Labels name Looker operations, never paths with ids.
  expect(after.text).not.toMatch(/endpoint="[^"]*\//);
});

test("the SDK's own login is counted as login, and the call Looker refused by its status", async () => {
  const token = await stack.token('demo-analyst');
  await stack.resetLookerStats();
  // Looker forgets every session: the next call answers 401, the server logs in again and retries.
  await stack.control('tokens/expire');
  const before = await scrape(metrics.url);
  expect((await stack.graphql(pageOfLooks, { token })).body.errors).toBeUndefined();
  const after = await scrape(metrics.url);
  const seen = await stack.lookerStats();
  const delta = (labels: Record<string, string>) =>
    after.value('looker_requests_total', labels) - before.value('looker_requests_total', labels);
  expect(seen.byRoute['POST /api/4.0/login']).toBeGreaterThanOrEqual(1);
  expect(delta({ endpoint: 'login', status: '200' })).toBe(seen.byRoute['POST /api/4.0/login']);
  expect(delta({ endpoint: 'search_looks', status: '401' })).toBe(1);
  expect(delta({ endpoint: 'search_looks', status: '200' })).toBe(1);
});

test('a refused token is counted by its reason, and its operation as unauthenticated', async () => {
  const now = Math.floor(Date.now() / 1000);
  const expired = await stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub: 'mallory',
    iat: now - 7200,
    exp: now - 3600,
  });
  const before = await scrape(metrics.url);
  expect((await stack.graphql('query Expired { looks { nodes { id } } }', { token: expired })).status).toBe(401);
  const after = await scrape(metrics.url);
  expect(
    after.value('token_refusals_total', { reason: 'expired' }) -
      before.value('token_refusals_total', { reason: 'expired' }),
  ).toBe(1);
  // Refused before its body is read: no name, and a caller without a valid token names no series.
  const unauthenticated = { operation: UNAUTHENTICATED_OPERATION_LABEL, outcome: 'unauthenticated' };
  expect(
    after.value('graphql_operation_duration_seconds_count', unauthenticated) -
      before.value('graphql_operation_duration_seconds_count', unauthenticated),
  ).toBe(1);
  // The refusal is counted, the token is nowhere in the metrics.
  expect(after.text).not.toContain(expired);
});

test('an operation that never runs is refused; one that fails at Looker is partial', async () => {
  const token = await stack.token('demo-analyst');
  const before = await scrape(metrics.url);
  expect((await stack.graphql('query Unknown { nope }', { token })).status).toBe(400);
  await stack.control('faults', { route: 'GET /queries/:query_id/run/:result_format', status: 500, count: 10 });
  const failing = await stack.graphql('query Failing { look(id: "6") { title result { rowCount } } }', { token });
  await stack.control('faults', undefined, 'DELETE');
  expect(failing.body.errors?.[0]?.extensions?.code).toBe('LOOKER_UNAVAILABLE');
  const after = await scrape(metrics.url);
  const delta = (labels: Record<string, string>) =>
    after.value('graphql_operation_duration_seconds_count', labels) -
    before.value('graphql_operation_duration_seconds_count', labels);
  expect(delta({ operation: 'Unknown', outcome: 'refused' })).toBe(1);
  expect(delta({ operation: 'Failing', outcome: 'partial' })).toBe(1);
  expect(
    after.value('looker_requests_total', { status: '500' }) - before.value('looker_requests_total', { status: '500' }),
  ).toBeGreaterThanOrEqual(1);
});

test('verified tokens are served from the cache after their first verification', async () => {
  const token = await stack.token('demo-viewer');
  const cache = (s: Awaited<ReturnType<typeof scrape>>, result: string) =>
    s.value('cache_requests_total', { cache: 'verified_token', result });
  const before = await scrape(metrics.url);
  await stack.graphql('{ look(id: "1") { id } }', { token });
  await stack.graphql('{ look(id: "1") { id } }', { token });
  const after = await scrape(metrics.url);
  expect(cache(after, 'miss') - cache(before, 'miss')).toBe(1);
  expect(cache(after, 'hit') - cache(before, 'hit')).toBe(1);
});
