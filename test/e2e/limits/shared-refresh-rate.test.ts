// needs: redis-server
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import {
  startSubgraphStack,
  testAudience,
  type GraphQLAnswer,
  type Replica,
  type SubgraphStack,
} from '../../support/subgraph-stack';

/** With Redis, a caller's refresh rate holds across replicas, not per replica. */
let redis: RedisServer;
let stack: SubgraphStack;
let replica: Replica;

beforeAll(async () => {
  redis = await startRedisServer();
  // A generous command timeout: a loaded machine must not fail over to the in-memory count mid-test.
  const env = {
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '3000',
    CACHE_RESULT_TTL: '60',
    LOOKER_SUBJECT_REFRESH_RATE: '10',
  };
  stack = await startSubgraphStack({ env });
  replica = await stack.replica(env);
});

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
const runs = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .filter(([route]) => route.includes('/run/'))
    .reduce((sum, [, n]) => sum + n, 0);
const refusedIn = (answers: readonly GraphQLAnswer[]) =>
  answers.flatMap((a) => a.body.errors ?? []).filter((e) => e.extensions?.code === 'LOOKER_RATE_LIMITED');
const refresh = (limit: number) => `{ look(id: "1") { result(limit: ${limit}, refresh: true) { rowCount } } }`;

test('6 refreshes on replica A and 6 on replica B: the 11th and later are refused, wherever they land', async () => {
  const token = await tokenOf('refreshes-on-two-replicas');
  await stack.resetLookerStats();
  const onA: GraphQLAnswer[] = [];
  for (let limit = 1; limit <= 6; limit += 1) onA.push(await stack.graphql(refresh(limit), { token }));
  const onB: GraphQLAnswer[] = [];
  for (let limit = 7; limit <= 12; limit += 1) onB.push(await replica.graphql(refresh(limit), { token }));
  expect(refusedIn(onA)).toHaveLength(0);
  // Counted per replica, B would run all 6; shared, it runs 4.
  const refused = refusedIn(onB);
  expect(refused).toHaveLength(2);
  expect(refused[0]?.message).toMatch(/refreshes \(10 a minute\)/);
  expect(runs((await stack.lookerStats()).byRoute)).toBe(10);
});
