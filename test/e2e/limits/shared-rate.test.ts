// needs: redis-server
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { startSubgraphStack, testAudience, type Replica, type SubgraphStack } from '../../support/subgraph-stack';

/** With Redis, a caller's per-minute share of Looker calls holds across replicas, not per replica. */
let redis: RedisServer;
let stack: SubgraphStack;
let replica: Replica;
const operatorToken = 'operator-credential-for-tests';

beforeAll(async () => {
  redis = await startRedisServer();
  // A generous command timeout: a loaded machine must not fail over to the in-memory count mid-test.
  const env = {
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '3000',
    LOOKER_SUBJECT_RATE: '20',
    OPERATOR_TOKEN: operatorToken,
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
    scope: 'looker:content:read',
    exp: now() + 600,
  });
const refusedIn = (answers: { body: { errors?: { extensions?: Record<string, unknown> }[] } }[]) =>
  answers.filter((a) => (a.body.errors ?? []).some((e) => e.extensions?.code === 'LOOKER_RATE_LIMITED')).length;

test('12 calls on replica A and 12 on replica B: the 21st and later are refused, wherever they land', async () => {
  const token = await tokenOf('two-replica-caller');
  const onA = [];
  for (let i = 1; i <= 12; i += 1) onA.push(await stack.graphql(`{ look(id: "${i}") { id } }`, { token }));
  const onB = [];
  for (let i = 13; i <= 24; i += 1) onB.push(await replica.graphql(`{ look(id: "${i}") { id } }`, { token }));
  expect(refusedIn(onA)).toBe(0);
  // Counted per replica, B would allow all 12; shared, it allows 8.
  expect(refusedIn(onB)).toBe(4);
  // Another caller is untouched.
  const other = await replica.graphql('{ look(id: "1") { id } }', { token: await tokenOf('someone-else') });
  expect(other.body.errors).toBeUndefined();
});

test("an operator's cache flush leaves the callers' used shares alone", async () => {
  const token = await tokenOf('caller-before-a-flush');
  const used = [];
  for (let i = 1; i <= 20; i += 1) used.push(await stack.graphql(`{ look(id: "${i}") { id } }`, { token }));
  expect(refusedIn(used)).toBe(0);
  const flushed = await fetch(`${stack.url}/admin/cache/flush`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}` },
  });
  expect(flushed.status).toBe(200);
  expect(refusedIn([await replica.graphql('{ look(id: "21") { id } }', { token })])).toBe(1);
});

test('with Redis gone, each replica counts in memory and nothing fails for an ordinary caller', async () => {
  await redis.kill();
  try {
    const token = await tokenOf('while-redis-is-down');
    const answers = [];
    for (let i = 1; i <= 5; i += 1) answers.push(await replica.graphql(`{ look(id: "${i}") { id } }`, { token }));
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
  } finally {
    await redis.start();
  }
});
