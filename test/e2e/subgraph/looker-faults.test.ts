import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;
let analyst: string;

// The deadline must leave room for the first call plus a 1 s Retry-After wait (a retry that would end
// past it is not made), even on a loaded machine, while a hanging Looker still fails the field well
// within jest's 60 s; fast retries keep the suite quick.
beforeAll(async () => {
  stack = await startSubgraphStack({
    lookerTimeoutMs: 8_000,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1_500 },
  });
  analyst = await stack.token('demo-analyst');
  await stack.graphql('{ look(id: "1") { id } }', { token: analyst });
});

afterAll(() => stack?.stop());

beforeEach(async () => {
  await stack.control('faults', undefined, 'DELETE');
  await stack.resetLookerStats();
});

const query = '{ look(id: "2") { title result(limit: 3) { rowCount } } folders { nodes { name } } }';
type Answer = {
  look: { title: string; result: { rowCount: number } | null } | null;
  folders: { nodes: { name: string }[] };
};
const runs = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .filter(([r]) => r.includes('/run/'))
    .reduce((s, [, n]) => s + n, 0);

test('a 503 is retried and the answer is complete', async () => {
  await stack.control('faults', { route: 'GET /looks/search', status: 503, count: 1 });
  const answer = await stack.graphql(query, { token: analyst });
  expect(answer.body.errors).toBeUndefined();
  expect((answer.body.data as Answer).look?.result?.rowCount).toBeGreaterThan(0);
  expect((await stack.lookerStats()).byRoute['GET /api/4.0/looks/search']).toBe(2);
});

test('a 429 with Retry-After is retried after waiting', async () => {
  await stack.control('faults', {
    route: 'GET /queries/:query_id/run/:result_format',
    status: 429,
    count: 1,
    retryAfter: 1,
  });
  const answer = await stack.graphql(query, { token: analyst });
  expect(answer.body.errors).toBeUndefined();
  expect((answer.body.data as Answer).look?.result?.rowCount).toBeGreaterThan(0);
  expect(runs((await stack.lookerStats()).byRoute)).toBe(2);
});

test('a Looker that keeps answering 429 gives LOOKER_RATE_LIMITED on that field only', async () => {
  await stack.control('faults', {
    route: 'GET /queries/:query_id/run/:result_format',
    status: 429,
    count: 10,
    retryAfter: 0,
  });
  const answer = await stack.graphql(query, { token: analyst });
  const data = answer.body.data as Answer;
  expect(data.look?.title.length).toBeGreaterThan(0);
  expect(data.folders.nodes.length).toBeGreaterThan(0);
  expect(data.look?.result).toBeNull();
  expect(answer.body.errors).toEqual([
    expect.objectContaining({ path: ['look', 'result'], extensions: { code: 'LOOKER_RATE_LIMITED' } }),
  ]);
});

test('a hanging Looker call is aborted at the deadline: LOOKER_UNAVAILABLE, the rest is served', async () => {
  await stack.control('faults', {
    route: 'GET /queries/:query_id/run/:result_format',
    status: 503,
    hang: true,
    count: 5,
  });
  const answer = await stack.graphql(query, { token: analyst });
  const data = answer.body.data as Answer;
  expect(data.look?.title.length).toBeGreaterThan(0);
  expect(data.folders.nodes.length).toBeGreaterThan(0);
  expect(data.look?.result).toBeNull();
  expect(answer.body.errors).toEqual([
    expect.objectContaining({ path: ['look', 'result'], extensions: { code: 'LOOKER_UNAVAILABLE' } }),
  ]);
});

test('a 500 is not retried and becomes LOOKER_UNAVAILABLE without Looker internals', async () => {
  await stack.control('faults', { route: 'GET /queries/:query_id/run/:result_format', status: 500, count: 1 });
  const answer = await stack.graphql(query, { token: analyst });
  expect(answer.body.errors).toEqual([
    expect.objectContaining({ path: ['look', 'result'], extensions: { code: 'LOOKER_UNAVAILABLE' } }),
  ]);
  expect(JSON.stringify(answer.body)).not.toMatch(/documentation_url|stack|at .*\.ts/);
  expect(runs((await stack.lookerStats()).byRoute)).toBe(1);
});

test('a 401 that arrives after the session was renewed keeps the fresh token: one login', async () => {
  await stack.control('tokens/expire');
  // Both calls carry the expired token; the folder search's 401 comes back after the look's has
  // already been answered by logging in again, and must not throw that fresh token away.
  await stack.control('latency', { ms: 1_000, route: 'GET /folders/search' });
  try {
    const [look, folders] = await Promise.all([
      stack.graphql('{ look(id: "1") { title } }', { token: analyst }),
      stack.graphql('{ folders { nodes { name } } }', { token: analyst }),
    ]);
    expect([look.body.errors, folders.body.errors]).toEqual([undefined, undefined]);
    expect((await stack.lookerStats()).byRoute['POST /api/4.0/login']).toBe(1);
  } finally {
    await stack.control('latency', { ms: 0, route: 'GET /folders/search' });
  }
});

test("a session expired on Looker's side is renewed once, transparently", async () => {
  await stack.control('tokens/expire');
  const answer = await stack.graphql(query, { token: analyst });
  expect(answer.body.errors).toBeUndefined();
  expect((await stack.lookerStats()).byRoute['POST /api/4.0/login']).toBe(1);
});

test('a login made inside a call belongs to that call: the audit event counts it with the call', async () => {
  await stack.control('tokens/expire');
  const before = stack.auditEvents().length;
  const answer = await stack.graphql('{ look(id: "1") { title } }', { token: analyst });
  expect(answer.body.errors).toBeUndefined();
  const stats = await stack.lookerStats();
  // The search refused (401), the login, the search again.
  expect(stats.byRoute['POST /api/4.0/login']).toBe(1);
  expect(stats.byRoute['GET /api/4.0/looks/search']).toBe(2);
  const event = stack
    .auditEvents()
    .slice(before)
    .find((e) => e.type === 'graphql.operation');
  expect(event?.lookerCalls).toBe(3);
});
