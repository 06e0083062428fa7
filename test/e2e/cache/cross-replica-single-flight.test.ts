// needs: redis-server
import { startMetricsServer, type MetricsServer } from '../../../src/observability';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { startSubgraphStack, type Replica, type SubgraphStack } from '../../support/subgraph-stack';
import { scrape } from '../observability/scrape';

/**
 * Two replicas sharing Redis, both caches cold: the same answer asked on both at once makes one
 * Looker run, not one per replica. A replica whose run hangs holds the others up for a bounded
 * wait only, after which they load for themselves; with Redis down, each replica answers on its own.
 */
let redis: RedisServer;
let stack: SubgraphStack;
let replica: Replica;
let analyst: string;
let metrics: MetricsServer;

const runRoute = 'GET /queries/:query_id/run/:result_format';

beforeAll(async () => {
  redis = await startRedisServer();
  const env = {
    CACHE_METADATA_TTL: '300',
    CACHE_RESULT_TTL: '60',
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '3000',
    // One synchronous run per result: a hung run stays one Looker call, not a query task.
    LOOKER_RESULT_TASKS: 'false',
  };
  // A hung run ends at the Looker deadline, once (no retry): the test waits for it, not longer.
  stack = await startSubgraphStack({
    env,
    lookerTimeoutMs: 8_000,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  replica = await stack.replica(env);
  analyst = await stack.token('demo-analyst');
  metrics = await startMetricsServer(0, '127.0.0.1');
});

afterAll(async () => {
  await metrics?.close();
  await stack?.stop();
  await redis?.stop();
});

const runs = async (): Promise<number> =>
  (await stack.lookerStats()).byRoute[`GET /api/4.0/queries/:query_id/run/:result_format`] ?? 0;
const lookResult = (id: string) => `{ look(id: "${id}") { id result { rowCount rows } } }`;

test('the same look result asked on two replicas at once, caches cold: one Looker run, the same rows everywhere', async () => {
  await stack.resetLookerStats();
  // Each run takes a moment, as a real query does: the replicas' misses overlap.
  await stack.control('query-time', { ms: 500 });
  const asked = Array.from({ length: 6 }, (_, i) =>
    (i % 2 === 0 ? stack : replica).graphql(lookResult('11'), { token: analyst }),
  );
  const answers = await Promise.all(asked);
  for (const answer of answers) {
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual(answers[0]?.body.data);
  }
  expect(answers[0]?.body.data).toEqual({
    look: { id: '11', result: { rowCount: expect.any(Number), rows: expect.any(Array) } },
  });
  expect(await runs()).toBe(1);
});

test('a dashboard asked on two replicas at once, caches cold: each tile runs once', async () => {
  const dashboard = '{ dashboard(id: "4") { tiles { id result { rowCount rows } } } }';
  await stack.resetLookerStats();
  await stack.control('query-time', { ms: 500 });
  const answers = await Promise.all([
    stack.graphql(dashboard, { token: analyst }),
    replica.graphql(dashboard, { token: analyst }),
    stack.graphql(dashboard, { token: analyst }),
    replica.graphql(dashboard, { token: analyst }),
  ]);
  for (const answer of answers) {
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual(answers[0]?.body.data);
  }
  // Every query the dashboard needs ran once: no run (its path and query body) twice.
  const ran = stack.emulator.control
    .requests()
    .filter((request) => request.path.includes('/run/'))
    .map((request) => `${request.path} ${JSON.stringify(request.body ?? null)}`);
  expect(ran.length).toBeGreaterThan(0);
  expect(ran).toEqual([...new Set(ran)]);
});

test('the replica running the load hangs: the other answers from its own run after the bounded wait, not at the hung run’s end', async () => {
  await stack.resetLookerStats();
  const before = await scrape(metrics.url);
  // The first run of look 12 hangs (until the Looker deadline); later ones answer.
  await stack.control('faults', { route: runRoute, status: 503, hang: true, count: 1 });
  const onA = stack.graphql(lookResult('12'), { token: analyst });
  await stack.emulator.control.waitForHang();
  let aDone = false;
  void onA.then(() => {
    aDone = true;
  });
  const onB = await replica.graphql(lookResult('12'), { token: analyst });
  // B answered with rows of its own while A's run still hangs.
  expect(onB.body.errors).toBeUndefined();
  expect(onB.body.data).toEqual({
    look: { id: '12', result: { rowCount: expect.any(Number), rows: expect.any(Array) } },
  });
  expect(aDone).toBe(false);
  expect(await runs()).toBe(2);
  // The metric says a replica waited and then loaded on its own.
  const after = await scrape(metrics.url);
  const own = { cache: 'result', outcome: 'own' };
  expect(after.value('cache_replica_waits_total', own) - before.value('cache_replica_waits_total', own)).toBe(1);
  await onA;
});

test('Redis down: both replicas still answer every request, no lock to wait for', async () => {
  await redis.kill();
  try {
    await stack.resetLookerStats();
    const answers = await Promise.all([
      stack.graphql(lookResult('13'), { token: analyst }),
      replica.graphql(lookResult('13'), { token: analyst }),
      stack.graphql(lookResult('14'), { token: analyst }),
      replica.graphql(lookResult('14'), { token: analyst }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toEqual({ look: { id: expect.any(String), result: expect.anything() } });
    }
  } finally {
    await redis.start();
  }
});
