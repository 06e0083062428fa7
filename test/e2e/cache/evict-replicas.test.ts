// needs: redis-server
import type { Redis } from 'ioredis';
import { contentTags, createRedisLink, redisLinkSettled, SharedCache } from '../../../src/cache';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { startSubgraphStack, type Replica, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * A write's eviction through two subgraph replicas sharing Redis: both serve a look from memory;
 * once a replica's cache evicts the look's tag (as a mutation does after Looker accepted it), the
 * other reads it anew from Looker, while what the eviction did not name stays served from memory.
 */
let redis: RedisServer;
let stack: SubgraphStack;
let replica: Replica;
let analyst: string;
/** A third replica's cache on the same Redis: the one a write goes through. */
let writer: SharedCache;
let writerLink: Redis;

const lookSearch = 'GET /api/4.0/looks/search';
const look = (id: string) => `{ look(id: "${id}") { id title } }`;
const quietLog = { warn: () => undefined, info: () => undefined };

beforeAll(async () => {
  redis = await startRedisServer();
  const env = {
    CACHE_METADATA_TTL: '300',
    CACHE_RESULT_TTL: '60',
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '3000',
  };
  stack = await startSubgraphStack({ env });
  replica = await stack.replica(env);
  analyst = await stack.token('demo-analyst');
  writerLink = createRedisLink(redis.url, quietLog, 3_000);
  await redisLinkSettled(writerLink);
  writer = new SharedCache({ metadataTtlSeconds: 300, resultTtlSeconds: 60, redis: writerLink });
});

afterAll(async () => {
  await writer?.close();
  writerLink?.disconnect();
  await stack?.stop();
  await redis?.stop();
});

const searches = async () => (await stack.lookerStats()).byRoute[lookSearch] ?? 0;

test('after a replica evicts look 1, the other replica reads it anew from Looker; look 2 stays cached', async () => {
  const replicas = [
    { name: 'A', graphql: stack.graphql },
    { name: 'B', graphql: replica.graphql },
  ];
  // Warm on both, and read again: each now serves both looks from its own memory.
  for (let round = 0; round < 2; round += 1)
    for (const { graphql } of replicas)
      for (const id of ['1', '2']) expect((await graphql(look(id), { token: analyst })).body.errors).toBeUndefined();
  await stack.resetLookerStats();
  for (const { graphql } of replicas) for (const id of ['1', '2']) await graphql(look(id), { token: analyst });
  expect((await stack.lookerStats()).total).toBe(0);

  await writer.evict([contentTags.look('1')]);

  // B hears of it through Redis a moment later (longer on a loaded machine: give it 15 s).
  let fetched = false;
  const by = Date.now() + 15_000;
  while (!fetched && Date.now() < by) {
    const answer = await replica.graphql(look('1'), { token: analyst });
    expect(answer.body.data).toEqual({ look: { id: '1', title: expect.any(String) } });
    fetched = (await searches()) > 0;
    if (!fetched) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(fetched).toBe(true);
  // Look 2 was not named: both replicas still serve it without asking Looker.
  await stack.resetLookerStats();
  for (const { graphql } of replicas) await graphql(look('2'), { token: analyst });
  expect((await stack.lookerStats()).total).toBe(0);
  // A no longer serves its old copy of look 1 either: finding it evicted, it loads look 1 once
  // (expiring the key in Redis as it does, so it does not read B's fresh copy), then serves it.
  await stack.resetLookerStats();
  await stack.graphql(look('1'), { token: analyst });
  await stack.graphql(look('1'), { token: analyst });
  expect(await searches()).toBe(1);
  await stack.resetLookerStats();
  for (const { graphql } of replicas) await graphql(look('1'), { token: analyst });
  expect((await stack.lookerStats()).total).toBe(0);
});
