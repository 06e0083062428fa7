import type { IRunningQueries } from '@looker/sdk';
import type { Engine } from '../../../emulator/engine/types';
import { adminSdk, ok } from '../../support/looker-sdk';
import {
  createTestEngine,
  startSubgraphStack,
  testAudience,
  testLookerSecret,
  type GraphQLAnswer,
  type SubgraphStack,
} from '../../support/subgraph-stack';
import { cancelTask, queryInput, queryTask, startMany } from './task-operations';

/**
 * A caller's running query tasks are capped (LOOKER_SUBJECT_MAX_TASKS): a flood of aliased
 * `startQuery` is refused past the cap before any Looker call, Looker never runs more than the cap
 * for it, other callers keep theirs, a finished or cancelled task frees its slot, and a replica
 * that stops kills the tasks it started that still run.
 */
const cap = 3;

let engine: Engine;
let stack: SubgraphStack;

beforeAll(async () => {
  engine = await createTestEngine();
  stack = await startSubgraphStack({ engine, env: { LOOKER_SUBJECT_MAX_TASKS: String(cap) } });
});

afterAll(async () => {
  await stack?.stop();
  await engine?.close();
});

const looker = () => adminSdk(stack.emulator.url, testLookerSecret);
/** Looker's own list of running queries, as its admin sees it. */
const runningInLooker = async (): Promise<IRunningQueries[]> => ok(looker().all_running_queries());
/** The Looker task behind one of our ids (`qt1.<Looker task id>.…`: not a secret). */
const lookerIdOf = (id: string) => id.split('.')[1] ?? '';
const lookerStatusOf = async (id: string) => (await ok(looker().query_task(lookerIdOf(id)))).status;

afterEach(async () => {
  // Nothing of one test runs on into the next.
  await Promise.all((await runningInLooker()).map((r) => looker().kill_query(r.query_task_id ?? '')));
  await stack.control('query-time', undefined, 'DELETE');
});

const now = () => Math.floor(Date.now() / 1000);
const tokenOf = (sub: string) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub,
    scope: 'looker:data:read',
    exp: now() + 600,
  });
/** Tasks stay running in Looker for a minute. */
const slowTasks = () => stack.control('query-time', { ms: 60_000, route: 'POST /query_tasks' });

const idsOf = (tasks: GraphQLAnswer | unknown[]): string[] =>
  (Array.isArray(tasks) ? tasks : Object.values(tasks.body.data ?? {})).map((task) => (task as { id: string }).id);
const start = (token: string, n = 1) => stack.graphql(startMany(n), { token, variables: { input: queryInput } });

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 100));
}

test('a flood of aliased startQuery: refused past the cap with LOOKER_RATE_LIMITED before any Looker call; Looker runs the cap, no more; another caller is unaffected', async () => {
  const flooder = await tokenOf('task-flooder');
  await stack.resetLookerStats();
  await slowTasks();
  // Four requests at once, five startQuery each: twenty tasks asked for.
  const answers = await Promise.all([1, 2, 3, 4].map(() => start(flooder, 5)));
  const errors = answers.flatMap((a) => a.body.errors ?? []);
  expect(errors).toHaveLength(20 - cap);
  for (const error of errors) {
    expect(error.extensions?.code).toBe('LOOKER_RATE_LIMITED');
    expect(error.message).toContain(`${cap} query tasks`);
  }
  // The admitted tasks are answered beside the refusals: their owner can poll or cancel them.
  const admitted = idsOf(answers.flatMap((a) => Object.values(a.body.data ?? {})).filter((task) => task !== null));
  expect(admitted).toHaveLength(cap);
  const running = await runningInLooker();
  expect(running.map((r) => r.query_task_id).sort()).toEqual(admitted.map(lookerIdOf).sort());
  // Refused before any Looker call: only the admitted tasks were saved and started.
  const stats = await stack.lookerStats();
  expect(stats.byRoute['POST /api/4.0/query_tasks']).toBe(cap);
  expect(stats.byRoute['POST /api/4.0/queries']).toBe(cap);

  // Still refused a moment later: the running tasks hold the slots.
  const again = await start(flooder);
  expect(again.body.errors?.[0]?.extensions?.code).toBe('LOOKER_RATE_LIMITED');
  expect(await runningInLooker()).toHaveLength(cap);

  // Another caller starts as many as the cap allows it.
  const other = await start(await tokenOf('task-bystander'), cap);
  expect(other.body.errors).toBeUndefined();
  expect(idsOf(other)).toHaveLength(cap);
  expect(await runningInLooker()).toHaveLength(2 * cap);
});

test('a cancelled task frees its slot at once', async () => {
  const caller = await tokenOf('task-canceller');
  await slowTasks();
  const full = await start(caller, cap);
  expect(full.body.errors).toBeUndefined();
  const [first] = idsOf(full);
  expect((await start(caller)).body.errors?.[0]?.extensions?.code).toBe('LOOKER_RATE_LIMITED');

  const cancelled = await stack.graphql(cancelTask, { token: caller, variables: { id: first } });
  expect(cancelled.body).toEqual({ data: { cancelQueryTask: { id: first, status: 'CANCELLED' } } });
  const next = await start(caller);
  expect(next.body.errors).toBeUndefined();
  expect(next.body.data?.t0).toMatchObject({ status: 'RUNNING' });
});

test('finished tasks free their slots: at once when their owner reads them finished, and without being read at all', async () => {
  const caller = await tokenOf('task-finisher');
  // Tasks that complete at once in Looker.
  const read = await start(caller, cap);
  expect(read.body.errors).toBeUndefined();
  for (const id of idsOf(read)) {
    await until(async () => {
      const polled = await stack.graphql(queryTask, { token: caller, variables: { id } });
      return (polled.body.data?.queryTask as { status: string }).status === 'COMPLETE';
    });
  }
  const unread = await start(caller, cap);
  expect(unread.body.errors).toBeUndefined();

  // Nobody reads these: once Looker has completed them, the slots free all the same.
  for (const id of idsOf(unread)) await until(async () => (await lookerStatusOf(id)) === 'complete');
  let answer = await start(caller);
  while (answer.body.errors) {
    expect(answer.body.errors[0]?.extensions?.code).toBe('LOOKER_RATE_LIMITED');
    await new Promise((resolve) => setTimeout(resolve, 200));
    answer = await start(caller);
  }
  expect(answer.body.data?.t0).toMatchObject({ status: 'RUNNING' });
});

test('a replica that stops kills the tasks it started that still run', async () => {
  const replica = await stack.replica({ LOOKER_SUBJECT_MAX_TASKS: String(cap) });
  const caller = await tokenOf('task-on-stopping-replica');
  await slowTasks();
  const started = await replica.graphql(startMany(2), { token: caller, variables: { input: queryInput } });
  expect(started.body.errors).toBeUndefined();
  const ids = idsOf(started);
  await until(async () => (await runningInLooker()).length === 2);

  await replica.stop();
  expect(await Promise.all(ids.map(lookerStatusOf))).toEqual(['killed', 'killed']);
  expect(await runningInLooker()).toEqual([]);
  const line = replica.logLines
    .map((l) => JSON.parse(l) as { msg: string; killed?: number })
    .find((l) => l.msg.includes('query tasks'));
  expect(line).toMatchObject({ killed: 2 });
});
