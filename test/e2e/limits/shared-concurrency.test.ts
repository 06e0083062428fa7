// needs: redis-server
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { startSubgraphStack, testAudience, type Replica, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * With Redis, a caller's Looker calls in flight are bounded across replicas, not per replica:
 * two slots per caller means two of its query runs at Looker, wherever its requests land.
 */
let redis: RedisServer;
let stack: SubgraphStack;
let replica: Replica;

const runQuery = '{ looks(first: 2) { nodes { result(limit: 1) { rowCount } } } }';
const hangRuns = { route: 'GET /queries/:query_id/run/:result_format', status: 503, hang: true, count: 100 };

beforeAll(async () => {
  redis = await startRedisServer();
  // A generous command timeout: a loaded machine must not fall back to per-replica bounds mid-test.
  const env = {
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '3000',
    LOOKER_SUBJECT_CONCURRENCY: '2',
    LOOKER_SUBJECT_QUEUE: '8',
    LOOKER_SUBJECT_RATE: '0',
  };
  // Hung runs end at this deadline, well within jest's 60 s.
  stack = await startSubgraphStack({
    env,
    lookerTimeoutMs: 8_000,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  replica = await stack.replica(env);
});

afterEach(() => stack.control('faults', undefined, 'DELETE'));

afterAll(async () => {
  await stack?.stop();
  await redis?.stop();
});

const now = () => Math.floor(Date.now() / 1000);
const tokenOf = (sub: string) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub,
    scope: 'looker:content:read looker:data:read',
    exp: now() + 600,
  });

test("a caller's runs hang on replica A: its runs on replica B wait for them, another caller's do not", async () => {
  const hog = await tokenOf('two-replica-hog');
  const other = await tokenOf('someone-else');
  // Both replicas know the looks, so only the runs reach Looker below.
  await Promise.all([
    stack.graphql('{ looks(first: 2) { nodes { id } } }', { token: hog }),
    replica.graphql('{ looks(first: 2) { nodes { id } } }', { token: hog }),
  ]);
  await stack.control('faults', hangRuns);
  const onA = stack.graphql(runQuery, { token: hog });
  await stack.emulator.control.waitForHang();
  await stack.emulator.control.waitForHang();
  // B's runs start well after A's, so their own deadline leaves them seconds once A's have ended.
  await sleep(3_000);
  const onB = replica.graphql(runQuery, { token: hog });
  // Time for B's runs to reach Looker, were they not held back by the caller's two slots on A.
  await sleep(1_500);
  expect(stack.emulator.control.hangingCount).toBe(2);
  // The caller's two leases are in Redis under a hashed key: no subject id in clear.
  const inspector = new Redis(redis.url);
  try {
    const slotKeys = await inspector.keys('looker-subgraph:slots:*');
    expect(slotKeys).toHaveLength(1);
    expect(slotKeys[0]).toMatch(/^looker-subgraph:slots:[\w-]{43}$/);
    expect(await inspector.zcard(slotKeys[0] as string)).toBe(2);
    const members = await inspector.zrange(slotKeys[0] as string, 0, -1);
    expect(members.join(' ')).not.toContain('two-replica-hog');
  } finally {
    inspector.disconnect();
  }

  // Another caller's query run on B (an inline run, which does not hang) is not held back by the hog's slots.
  const otherAnswer = await replica.graphql(
    '{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.status", "order_items.count"] }) { rowCount } }',
    {
      token: other,
    },
  );
  expect(otherAnswer.body.errors).toBeUndefined();
  expect(stack.emulator.control.hangingCount).toBe(2);

  // Looker recovers: A's runs end at their deadline, B's then get the caller's slots and are answered.
  await stack.control('faults', undefined, 'DELETE');
  const [a, b] = await Promise.all([onA, onB]);
  expect(a.body.errors?.map((e) => e.extensions?.code)).toEqual(['LOOKER_UNAVAILABLE', 'LOOKER_UNAVAILABLE']);
  expect(b.body.errors).toBeUndefined();
  expect(b.body.data).toEqual({ looks: { nodes: [{ result: { rowCount: 1 } }, { result: { rowCount: 1 } }] } });
});

test('with Redis gone, each replica bounds its own calls and nothing fails', async () => {
  await redis.kill();
  try {
    const token = await tokenOf('while-redis-is-down');
    const answers = await Promise.all([stack.graphql(runQuery, { token }), replica.graphql(runQuery, { token })]);
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
  } finally {
    await redis.start();
  }
});
