// needs: redis-server
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { startSubgraphStack, type Replica, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Replicas share through Redis: what one fetched, another serves without calling Looker; Redis
 * failing never fails a request, and sharing resumes when it returns. Nothing secret goes to Redis.
 */
let redis: RedisServer;
let stack: SubgraphStack;
let replica: Replica;
let analyst: string;
const operatorToken = 'operator-credential-for-tests';

beforeAll(async () => {
  redis = await startRedisServer();
  const env = {
    CACHE_METADATA_TTL: '300',
    CACHE_RESULT_TTL: '60',
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '3000',
    OPERATOR_TOKEN: operatorToken,
  };
  stack = await startSubgraphStack({ env });
  replica = await stack.replica(env);
  analyst = await stack.token('demo-analyst');
});

afterAll(async () => {
  await stack?.stop();
  await redis?.stop();
});

const runs = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .filter(([route]) => route.includes('/run/'))
    .reduce((sum, [, n]) => sum + n, 0);
const dashboard = (id: string) => `{ dashboard(id: "${id}") { title tiles { id result { rowCount rows } } } }`;

test('a dashboard asked on replica A, then on replica B: B makes no Looker call at all', async () => {
  await stack.resetLookerStats();
  const onA = await stack.graphql(dashboard('1'), { token: analyst });
  expect(onA.body.errors).toBeUndefined();
  expect(runs((await stack.lookerStats()).byRoute)).toBeGreaterThan(0);
  await stack.resetLookerStats();
  const onB = await replica.graphql(dashboard('1'), { token: analyst });
  expect(onB.body.errors).toBeUndefined();
  expect(JSON.stringify(onB.body.data)).toBe(JSON.stringify(onA.body.data));
  expect((await stack.lookerStats()).total).toBe(0);
});

test('an operator flush on replica A empties replica B’s memory too', async () => {
  const query = '{ look(id: "7") { title } }';
  await replica.graphql(query, { token: analyst });
  await stack.resetLookerStats();
  await replica.graphql(query, { token: analyst });
  expect((await stack.lookerStats()).total).toBe(0);
  const flushed = await fetch(`${stack.url}/admin/cache/flush`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}` },
  });
  expect(flushed.status).toBe(200);
  // The flush reaches B through Redis a moment later (longer on a loaded machine: give it 15 s).
  let fetched = false;
  const flushedBy = Date.now() + 15_000;
  while (!fetched && Date.now() < flushedBy) {
    await replica.graphql(query, { token: analyst });
    fetched = ((await stack.lookerStats()).byRoute['GET /api/4.0/looks/search'] ?? 0) > 0;
    if (!fetched) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(fetched).toBe(true);
});

test('Redis holds hashed keys and Looker answers only: no token, no filter value, no Looker user id in clear', async () => {
  const { Redis } = await import('ioredis');
  const client = new Redis(redis.url);
  try {
    const keys = await client.keys('*');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^looker-subgraph:(cache:(metadata|result)|rate):[\w-]{43}$/);
    const values = await Promise.all(keys.map((key) => client.get(key)));
    const stored = values.join('\n');
    expect(stored).not.toContain(analyst);
    expect(stored).not.toContain('looker-admin-secret');
    for (const token of stack.emulator.issuedTokens()) expect(stored).not.toContain(token);
  } finally {
    client.disconnect();
  }
});

test('Redis killed mid-run: answers keep coming from Looker, the log says so once; Redis back: sharing resumes', async () => {
  await redis.kill();
  const answers = [];
  for (let i = 0; i < 6; i += 1)
    answers.push(await replica.graphql(dashboard(String(2 + (i % 2))), { token: analyst }));
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  }
  // The link notices the outage at its first reconnection attempt (100 ms after the drop), which
  // the answers above may have beaten: give it a few seconds.
  const loggedBy = Date.now() + 5_000;
  while (!replica.logLines.some((line) => line.includes('Redis unreachable')) && Date.now() < loggedBy)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const down = replica.logLines.filter((line) => line.includes('Redis unreachable'));
  expect(down).toHaveLength(1);
  expect(down[0]).not.toContain('redis://');

  await redis.start();
  // Both replicas reconnect on their own; sharing resumes once they have. Each attempt asks a look
  // neither replica holds in memory (7 is in B's since the flush test; the data set has looks up to
  // 56), paced so that the ids last about the 30 s a loaded machine may need to reconnect.
  let shared = false;
  const reconnectedBy = Date.now() + 30_000;
  for (let look = 8; !shared && look <= 56 && Date.now() < reconnectedBy; look += 1) {
    await new Promise((resolve) => setTimeout(resolve, 600));
    const id = String(look);
    await stack.graphql(`{ look(id: "${id}") { title } }`, { token: analyst });
    await stack.resetLookerStats();
    await replica.graphql(`{ look(id: "${id}") { title } }`, { token: analyst });
    shared = (await stack.lookerStats()).total === 0;
  }
  expect(shared).toBe(true);
  expect(replica.logLines.some((line) => line.includes('Redis reachable again'))).toBe(true);
});

test('a replica that has just started serves what the others fetched, from its first request', async () => {
  // Emptied everywhere first, so what A fetches now is in Redis, not only in A's memory.
  const flushed = await fetch(`${stack.url}/admin/cache/flush`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}` },
  });
  expect(flushed.status).toBe(200);
  await stack.graphql('{ look(id: "5") { title } }', { token: analyst });
  const env = {
    CACHE_METADATA_TTL: '300',
    CACHE_RESULT_TTL: '60',
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '3000',
  };
  const fresh = await stack.replica(env);
  await stack.resetLookerStats();
  const answer = await fresh.graphql('{ look(id: "5") { title } }', { token: analyst });
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toEqual({ look: { title: expect.any(String) } });
  expect((await stack.lookerStats()).total).toBe(0);
});

test('a replica started while Redis is down starts all the same and answers from Looker', async () => {
  await redis.kill();
  try {
    const env = {
      CACHE_METADATA_TTL: '300',
      CACHE_RESULT_TTL: '60',
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: '3000',
    };
    const fresh = await stack.replica(env);
    const answer = await fresh.graphql('{ look(id: "6") { title } }', { token: analyst });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({ look: { title: expect.any(String) } });
    expect(fresh.logLines.filter((line) => line.includes('Redis unreachable'))).toHaveLength(1);
  } finally {
    await redis.start();
  }
});
