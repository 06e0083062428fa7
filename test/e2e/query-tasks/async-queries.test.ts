import type { IRunningQueries } from '@looker/sdk';
import { adminSdk, ok } from '../../support/looker-sdk';
import {
  startSubgraphStack,
  testLookerSecret,
  type GraphQLAnswer,
  type SubgraphStack,
} from '../../support/subgraph-stack';

/**
 * A query slower than one Looker call may take: 40 s on a Looker whose calls
 * time out after 30 s (LOOKERSDK_TIMEOUT=30). Synchronously it fails; as a query task it completes,
 * with the rows the synchronous run gives when the query is fast. Only the task's owner sees it.
 */
const queryInput = {
  model: 'ecommerce',
  view: 'order_items',
  fields: ['order_items.status', 'order_items.count'],
  sorts: ['order_items.status'],
  limit: 10,
};
const runQuery = `query Run($input: QueryInput!) { runQuery(input: $input) { rowCount rows } }`;
const startQuery = `mutation Start($input: QueryInput!) { startQuery(input: $input) { id status result { rowCount } error } }`;
const queryTask = `query Poll($id: ID!) { queryTask(id: $id) { id status error result { rowCount rows } } }`;
const cancelTask = `mutation Cancel($id: ID!) { cancelQueryTask(id: $id) { id status } }`;

interface TaskAnswer {
  id: string;
  status: string;
  error: string | null;
  result: { rowCount: number; rows: Record<string, unknown>[] } | null;
}

let stack: SubgraphStack;
let analyst: string;
let admin: string;

beforeAll(async () => {
  stack = await startSubgraphStack({ lookerTimeoutMs: 30_000 });
  analyst = await stack.token('demo-analyst');
  admin = await stack.token('demo-admin');
});

afterAll(() => stack?.stop());

afterEach(() => stack.control('query-time', undefined, 'DELETE'));

const taskOf = (answer: GraphQLAnswer, field: string): TaskAnswer | null =>
  (answer.body.data?.[field] ?? null) as TaskAnswer | null;

/** Polls `queryTask` the way a client would, until the task is no longer running. */
async function pollUntilDone(id: string, token: string): Promise<TaskAnswer> {
  for (;;) {
    const answer = await stack.graphql(queryTask, { token, variables: { id } });
    expect(answer.body.errors).toBeUndefined();
    const task = taskOf(answer, 'queryTask');
    if (!task || task.status !== 'RUNNING') return task as TaskAnswer;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Looker's own list of running queries, as its admin sees it. */
const runningInLooker = async (): Promise<IRunningQueries[]> =>
  ok(adminSdk(stack.emulator.url, testLookerSecret).all_running_queries());

test('a 40 s query with LOOKERSDK_TIMEOUT=30: startQuery → queryTask polls → COMPLETE with the synchronous rows; others get null', async () => {
  const fast = await stack.graphql(runQuery, { token: analyst, variables: { input: queryInput } });
  expect(fast.body.errors).toBeUndefined();
  const expected = fast.body.data?.runQuery as { rowCount: number; rows: unknown[] };
  expect(expected.rowCount).toBeGreaterThan(0);

  await stack.control('query-time', { ms: 40_000 });
  // The synchronous path and the task path side by side: the first fails at the 30 s timeout.
  const synchronous = stack.graphql(runQuery, { token: analyst, variables: { input: queryInput } });
  const started = await stack.graphql(startQuery, { token: analyst, variables: { input: queryInput } });
  expect(started.body.errors).toBeUndefined();
  const task = taskOf(started, 'startQuery') as TaskAnswer;
  expect(task).toEqual({ id: expect.any(String), status: 'RUNNING', result: null, error: null });

  // Another subject holding the same scopes learns nothing of the task, and cannot cancel it.
  const foreign = await stack.graphql(queryTask, { token: admin, variables: { id: task.id } });
  expect(foreign.body).toEqual({ data: { queryTask: null } });
  const foreignCancel = await stack.graphql(cancelTask, { token: admin, variables: { id: task.id } });
  expect(foreignCancel.body).toEqual({ data: { cancelQueryTask: null } });

  const failed = await synchronous;
  expect(failed.body.data?.runQuery).toBeNull();
  expect(failed.body.errors?.[0]?.extensions?.code).toBe('LOOKER_UNAVAILABLE');

  const done = await pollUntilDone(task.id, analyst);
  expect(done.status).toBe('COMPLETE');
  expect(done.error).toBeNull();
  expect(done.result).toEqual(expected);
  // Still the owner's only, once complete.
  expect((await stack.graphql(queryTask, { token: admin, variables: { id: task.id } })).body).toEqual({
    data: { queryTask: null },
  });
  // A 40 s query and the polls after it: 60 s leaves a loaded machine too little room.
}, 120_000);

test('cancelQueryTask → CANCELLED, and the task is killed in Looker', async () => {
  await stack.control('query-time', { ms: 40_000 });
  const started = await stack.graphql(startQuery, { token: analyst, variables: { input: queryInput } });
  const task = taskOf(started, 'startQuery') as TaskAnswer;
  let running: IRunningQueries[] = [];
  // The task starts running in Looker on its own; wait until Looker lists it.
  while (running.length === 0) running = await runningInLooker();
  expect(running).toHaveLength(1);
  const lookerTaskId = running[0]?.query_task_id ?? '';

  const cancelled = await stack.graphql(cancelTask, { token: analyst, variables: { id: task.id } });
  expect(cancelled.body).toEqual({ data: { cancelQueryTask: { id: task.id, status: 'CANCELLED' } } });
  expect(await runningInLooker()).toEqual([]);
  const inLooker = await ok(adminSdk(stack.emulator.url, testLookerSecret).query_task(lookerTaskId));
  expect(inLooker.status).toBe('killed');

  const polled = await stack.graphql(queryTask, { token: analyst, variables: { id: task.id } });
  expect(taskOf(polled, 'queryTask')).toMatchObject({ status: 'CANCELLED', result: null });
  expect((await stack.lookerStats()).byRoute['DELETE /api/4.0/running_queries/:query_task_id']).toBe(1);
});

test('startQuery on an unknown explore is BAD_USER_INPUT on input.view', async () => {
  const unknown = await stack.graphql(startQuery, {
    token: analyst,
    variables: { input: { ...queryInput, view: 'nope' } },
  });
  expect(unknown.body.data).toEqual({ startQuery: null });
  expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.view' });
});

test('without looker:data:read the task fields are FORBIDDEN and nothing reaches Looker', async () => {
  const viewer = await stack.token('demo-viewer');
  await stack.resetLookerStats();
  const refused = await stack.graphql(startQuery, { token: viewer, variables: { input: queryInput } });
  expect(refused.body.data).toEqual({ startQuery: null });
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const polled = await stack.graphql(queryTask, { token: viewer, variables: { id: 'qt1.x.y.z' } });
  expect(polled.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await stack.lookerStats()).total).toBe(0);
});

test('ids that are altered, made up or not ours open to null without asking Looker', async () => {
  const started = await stack.graphql(startQuery, { token: analyst, variables: { input: queryInput } });
  const id = (taskOf(started, 'startQuery') as TaskAnswer).id;
  // Read once finished, the task is no longer watched in Looker: every call counted below is the forged ids'.
  expect((await pollUntilDone(id, analyst)).status).toBe('COMPLETE');
  const [prefix, lookerId, expires, mac] = id.split('.');
  await stack.resetLookerStats();
  for (const forged of [
    `${prefix}.${lookerId}.${expires}.${(mac ?? '').replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`,
    `${prefix}.${lookerId}.zzzzzz.${mac}`,
    'qt1.x.y.z',
    'nonsense',
    'x'.repeat(5000),
  ]) {
    const answer = await stack.graphql(queryTask, { token: analyst, variables: { id: forged } });
    expect([forged.slice(0, 40), answer.body]).toEqual([forged.slice(0, 40), { data: { queryTask: null } }]);
  }
  expect((await stack.lookerStats()).total).toBe(0);
});
