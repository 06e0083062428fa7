// needs: redis-server
import { demoPolicy } from '../../../demo/demo-policy';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { startSubgraphStack, type Replica, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Two replicas sharing Redis, as behind a load balancer: a retried create that lands on the other
 * replica creates nothing twice, and a write through one replica is seen by a read right after on
 * the other, whose cache held the old answer.
 */
let redis: RedisServer;
let stack: SubgraphStack;
let replica: Replica;
let admin: string;

const query = { model: 'ecommerce', view: 'order_items', fields: ['order_items.status', 'order_items.count'] };

beforeAll(async () => {
  redis = await startRedisServer();
  const env = { CACHE_METADATA_TTL: '300', REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '3000' };
  stack = await startSubgraphStack({ policy: { current: () => demoPolicy }, env });
  replica = await stack.replica(env);
  admin = await stack.token('demo-admin');
});

afterAll(async () => {
  await stack?.stop();
  await redis?.stop();
});

test('the same idempotencyKey through two replicas creates one look', async () => {
  const mutation = `mutation($input: CreateLookInput!) { createLook(input: $input) { look { id } change { replayed } } }`;
  const variables = { input: { title: 'Retried', folderId: '7', query, idempotencyKey: 'lb-retry-1' } };
  const before = (await stack.lookerStats()).byRoute['POST /api/4.0/looks'] ?? 0;
  const first = await stack.graphql(mutation, { token: admin, variables });
  const second = await replica.graphql(mutation, { token: admin, variables });
  const after = (await stack.lookerStats()).byRoute['POST /api/4.0/looks'] ?? 0;
  expect(first.body.errors).toBeUndefined();
  expect(second.body.data).toEqual({
    createLook: {
      look: (first.body.data as { createLook: { look: unknown } }).createLook.look,
      change: { replayed: true },
    },
  });
  expect(after - before).toBe(1);
});

test('a rename through one replica is read right after on the other', async () => {
  const created = await stack.graphql(
    `mutation($q: QueryInput!) { createLook(input: { title: "Before", folderId: "7", query: $q }) { look { id } } }`,
    { token: admin, variables: { q: query } },
  );
  const id = (created.body.data as { createLook: { look: { id: string } } }).createLook.look.id;
  const read = () => replica.graphql(`{ look(id: "${id}") { title } }`, { token: admin });
  expect((await read()).body.data).toEqual({ look: { title: 'Before' } });
  // Cached now on the replica: a second read costs Looker nothing.
  await stack.resetLookerStats();
  await read();
  expect((await stack.lookerStats()).total).toBe(0);
  const renamed = await stack.graphql(
    `mutation { updateLook(id: "${id}", input: { title: "After" }) { look { title } } }`,
    {
      token: admin,
    },
  );
  expect(renamed.body.errors).toBeUndefined();
  expect((await read()).body.data).toEqual({ look: { title: 'After' } });
});
