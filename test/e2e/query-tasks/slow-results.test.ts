import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Through GraphQL: a look's and a tile's result whose query outlasts the synchronous wait is run as
 * a Looker query task behind the scenes and still served, where a synchronous run alone fails
 * (a 4 s query, a 1 s wait and LOOKERSDK_TIMEOUT=3 stand for a 40 s query with a 30 s timeout).
 */
let stack: SubgraphStack;
let analyst: string;

beforeAll(async () => {
  stack = await startSubgraphStack({
    lookerTimeoutMs: 3_000,
    env: { LOOKER_RESULT_TASKS: 'true', LOOKER_SYNC_WAIT: '1', LOOKER_QUERY_DEADLINE: '30', CACHE_RESULT_TTL: '60' },
  });
  analyst = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

test('a slow look result is served through a query task, equal to the fast synchronous answer', async () => {
  const query = '{ look(id: "2") { result(limit: 5) { rowCount rows } } }';
  const fast = await stack.graphql('{ look(id: "2") { result(limit: 5, refresh: true) { rowCount rows } } }', {
    token: analyst,
  });
  expect(fast.body.errors).toBeUndefined();
  // (The emulator's stats reset clears the query time too: reset first.)
  await stack.resetLookerStats();
  await stack.control('query-time', { ms: 4_000 });
  const slow = await stack.graphql(query.replace('result(limit: 5)', 'result(limit: 5, refresh: true)'), {
    token: analyst,
  });
  await stack.control('query-time', undefined, 'DELETE');
  // refresh runs synchronously and so fails at the 3 s timeout; without refresh the task path serves it.
  expect(slow.body.errors?.[0]?.extensions?.code).toBe('LOOKER_UNAVAILABLE');
  await stack.resetLookerStats();
  await stack.control('query-time', { ms: 4_000 });
  const viaTask = await stack.graphql('{ look(id: "3") { result(limit: 5) { rowCount rows } } }', { token: analyst });
  await stack.control('query-time', undefined, 'DELETE');
  expect(viaTask.body.errors).toBeUndefined();
  const stats = await stack.lookerStats();
  expect(stats.byRoute['POST /api/4.0/query_tasks']).toBe(1);
  const direct = await stack.graphql('{ look(id: "3") { result(limit: 5, refresh: true) { rowCount rows } } }', {
    token: analyst,
  });
  expect(viaTask.body.data).toEqual(direct.body.data);
});
