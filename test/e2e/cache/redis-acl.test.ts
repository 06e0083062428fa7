// needs: redis-server
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { startSubgraphStack, type Replica, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * A Redis user confined to this service's namespace (docs/operations.md, "Caches": Redis keys) is all it
 * needs: the cache, the callers' rates and slots and the operator's flush work, and Redis denies
 * nothing.
 */
let redis: RedisServer;
let admin: Redis;
let stack: SubgraphStack;
let replica: Replica;
const password = 'redis-password-of-the-subgraph';
const operatorToken = 'operator-credential-for-tests';

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url);
  await admin.call(
    'ACL',
    'SETUSER',
    'looker-subgraph',
    'on',
    `>${password}`,
    '~looker-subgraph:*',
    '&looker-subgraph:*',
    '+@all',
  );
  const url = new URL(redis.url);
  url.username = 'looker-subgraph';
  url.password = password;
  const env = {
    CACHE_METADATA_TTL: '300',
    CACHE_RESULT_TTL: '60',
    REDIS_URL: url.toString(),
    REDIS_COMMAND_TIMEOUT_MS: '3000',
    OPERATOR_TOKEN: operatorToken,
    LOOKER_SUBJECT_RATE: '1000',
  };
  stack = await startSubgraphStack({ env });
  stack.checkNoLeakOf(password);
  replica = await stack.replica(env);
});

afterAll(async () => {
  admin?.disconnect();
  await stack?.stop();
  await redis?.stop();
});

test('cache, rates, slots and flush all stay within the namespace: Redis denies nothing', async () => {
  const analyst = await stack.token('demo-analyst');
  const dashboard = '{ dashboard(id: "1") { title tiles { id result { rowCount } } } }';
  const onA = await stack.graphql(dashboard, { token: analyst });
  expect(onA.body.errors).toBeUndefined();
  await stack.resetLookerStats();
  const onB = await replica.graphql(dashboard, { token: analyst });
  expect(onB.body.data).toEqual(onA.body.data);
  // B served it from Redis, which it reached as the confined user.
  expect((await stack.lookerStats()).total).toBe(0);
  const keys = await admin.keys('*');
  expect(keys.some((key) => key.startsWith('looker-subgraph:cache:'))).toBe(true);
  expect(keys.some((key) => key.startsWith('looker-subgraph:rate:'))).toBe(true);
  const flushed = await fetch(`${replica.url}/admin/cache/flush`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}` },
  });
  expect(flushed.status).toBe(200);
  expect((await admin.keys('looker-subgraph:cache:*')).length).toBe(0);
  expect(await admin.call('ACL', 'LOG')).toEqual([]);
});
