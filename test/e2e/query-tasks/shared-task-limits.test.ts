// needs: redis-server
import { Redis } from 'ioredis';
import type { IRunningQueries } from '@looker/sdk';
import { adminSdk, ok } from '../../support/looker-sdk';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import {
  startSubgraphStack,
  testAudience,
  testLookerSecret,
  type GraphQLAnswer,
  type Replica,
  type SubgraphStack,
} from '../../support/subgraph-stack';
import { cancelTask, queryInput, startQuery } from './task-operations';

/**
 * With Redis, a caller's running query tasks are capped across replicas: each running task holds a
 * lease in the caller's task semaphore, wherever it was started.
 */
const cap = 3;

let redis: RedisServer;
let stack: SubgraphStack;
let replica: Replica;

beforeAll(async () => {
  redis = await startRedisServer();
  // A generous command timeout: a loaded machine must not fall back to per-replica bounds mid-test.
  const env = { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '3000', LOOKER_SUBJECT_MAX_TASKS: String(cap) };
  stack = await startSubgraphStack({ env });
  replica = await stack.replica(env);
});

afterAll(async () => {
  await stack?.stop();
  await redis?.stop();
});

const looker = () => adminSdk(stack.emulator.url, testLookerSecret);
const runningInLooker = async (): Promise<IRunningQueries[]> => ok(looker().all_running_queries());
const now = () => Math.floor(Date.now() / 1000);
const tokenOf = (sub: string) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub,
    scope: 'looker:data:read',
    exp: now() + 600,
  });
const idOf = (answer: GraphQLAnswer) => (answer.body.data?.startQuery as { id: string }).id;

test("a caller's tasks on replica A count against its cap on replica B; a cancel on A frees a slot for B", async () => {
  const caller = await tokenOf('two-replica-tasks');
  await stack.control('query-time', { ms: 60_000, route: 'POST /query_tasks' });
  const onA = [
    await stack.graphql(startQuery, { token: caller, variables: { input: queryInput } }),
    await stack.graphql(startQuery, { token: caller, variables: { input: queryInput } }),
  ];
  for (const answer of onA) expect(answer.body.errors).toBeUndefined();
  const onB = await replica.graphql(startQuery, { token: caller, variables: { input: queryInput } });
  expect(onB.body.errors).toBeUndefined();

  const refused = await replica.graphql(startQuery, { token: caller, variables: { input: queryInput } });
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('LOOKER_RATE_LIMITED');
  expect(await runningInLooker()).toHaveLength(cap);

  // The caller's leases are in Redis under a hashed key: no subject id in clear.
  const inspector = new Redis(redis.url);
  try {
    const keys = await inspector.keys('looker-subgraph:tasks:*');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^looker-subgraph:tasks:[\w-]{43}$/);
    expect(await inspector.zcard(keys[0] as string)).toBe(cap);
  } finally {
    inspector.disconnect();
  }

  const cancelled = await stack.graphql(cancelTask, {
    token: caller,
    variables: { id: idOf(onA[0] as GraphQLAnswer) },
  });
  expect(cancelled.body.data?.cancelQueryTask).toMatchObject({ status: 'CANCELLED' });
  const admitted = await replica.graphql(startQuery, { token: caller, variables: { input: queryInput } });
  expect(admitted.body.errors).toBeUndefined();
  expect(await runningInLooker()).toHaveLength(cap);
});

test("a look result on replica B finds the caller's slots held by its startQuery tasks on replica A: it starts no task", async () => {
  // Kill what the test above left running, and start from a clean count.
  await Promise.all((await runningInLooker()).map((r) => looker().kill_query(r.query_task_id ?? '')));
  await stack.resetLookerStats();
  const withResultTasks = await stack.replica({
    REDIS_URL: redis.url,
    REDIS_COMMAND_TIMEOUT_MS: '3000',
    LOOKER_SUBJECT_MAX_TASKS: String(cap),
    LOOKER_RESULT_TASKS: 'true',
    LOOKER_SYNC_WAIT: '1',
    LOOKERSDK_TIMEOUT: '3',
    LOOKER_QUERY_DEADLINE: '5',
  });
  const caller = await stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub: 'two-replica-results',
    scope: 'looker:content:read looker:data:read',
    exp: now() + 600,
  });
  await stack.control('query-time', { ms: 60_000, route: 'POST /query_tasks' });
  await stack.control('query-time', { ms: 60_000, route: 'GET /queries/{query_id}/run/{result_format}' });
  for (let i = 0; i < cap; i += 1)
    expect(
      (await stack.graphql(startQuery, { token: caller, variables: { input: queryInput } })).body.errors,
    ).toBeUndefined();

  const result = await withResultTasks.graphql('{ look(id: "2") { result(limit: 7) { rowCount } } }', {
    token: caller,
  });
  // No slot: the synchronous run went on to LOOKERSDK_TIMEOUT, and no task was started for it.
  expect(result.body.errors?.[0]?.extensions?.code).toBe('LOOKER_UNAVAILABLE');
  expect((await stack.lookerStats()).byRoute['POST /api/4.0/query_tasks']).toBe(cap);
  expect(await runningInLooker()).toHaveLength(cap);
});
