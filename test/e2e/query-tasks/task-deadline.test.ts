import { adminSdk, ok } from '../../support/looker-sdk';
import { startSubgraphStack, testLookerSecret, type SubgraphStack } from '../../support/subgraph-stack';
import { queryInput, queryTask, startQuery } from './task-operations';

/**
 * A task started with `startQuery` is killed in Looker at its deadline (LOOKER_QUERY_DEADLINE,
 * one second here), though its owner never asks about it again; its slot frees with it.
 */

let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { LOOKER_QUERY_DEADLINE: '1', LOOKER_SUBJECT_MAX_TASKS: '1' } });
});

afterAll(() => stack?.stop());

const looker = () => adminSdk(stack.emulator.url, testLookerSecret);
const lookerStatusOf = async (lookerTaskId: string) => (await ok(looker().query_task(lookerTaskId))).status;

test('a task still running at its deadline is killed in Looker without its owner polling, and its slot frees', async () => {
  const analyst = await stack.token('demo-analyst');
  // The query would run for a minute.
  await stack.control('query-time', { ms: 60_000, route: 'POST /query_tasks' });
  const started = await stack.graphql(startQuery, { token: analyst, variables: { input: queryInput } });
  expect(started.body.errors).toBeUndefined();
  const { id } = started.body.data?.startQuery as { id: string };
  // `qt1.<Looker task id>.…`: Looker's id is not a secret.
  const lookerTaskId = id.split('.')[1] ?? '';

  // Only Looker is asked, never the subgraph, until the task has left the running state; then
  // the subgraph's own calls show who ended it.
  let status = await lookerStatusOf(lookerTaskId);
  for (let waited = 0; (status === 'added' || status === 'running') && waited < 20_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = await lookerStatusOf(lookerTaskId);
  }
  expect(status).toBe('killed');
  expect((await stack.lookerStats()).byRoute['DELETE /api/4.0/running_queries/:query_task_id']).toBe(1);
  expect(await ok(looker().all_running_queries())).toEqual([]);
  expect(stack.logLines.map((l) => JSON.parse(l) as { msg: string }).some((l) => l.msg.includes('deadline'))).toBe(
    true,
  );

  const polled = await stack.graphql(queryTask, { token: analyst, variables: { id } });
  expect(polled.body).toEqual({ data: { queryTask: { id, status: 'CANCELLED' } } });
  // The one slot is free again.
  const next = await stack.graphql(startQuery, { token: analyst, variables: { input: queryInput } });
  expect(next.body.errors).toBeUndefined();
});
