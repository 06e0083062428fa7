import type { Looker40SDK } from '@looker/sdk';
import { adminSdk, ok } from '../../support/looker-sdk';
import { toolCallMessage } from '../../support/mcp-client';
import {
  createTestEngine,
  startSubgraphStack,
  testAudience,
  testLookerSecret,
  type LookerStats,
  type Replica,
  type SubgraphStack,
} from '../../support/subgraph-stack';
import type { Engine } from '../../../emulator/engine/types';
import { queryInput, startMany } from './task-operations';

/**
 * Look and tile results that outlast the synchronous wait become Looker query tasks; they count
 * against the caller's task cap (LOOKER_SUBJECT_MAX_TASKS) with its `startQuery` tasks, and a
 * request whose client went away stops its Looker work: its result tasks are killed, and it makes
 * no further Looker calls. Queries take two minutes in the emulator; a 1 s synchronous wait and a
 * short LOOKERSDK_TIMEOUT stand for the defaults.
 */
const cap = 3;
/** One request asking for `n` look results, each a distinct query (its own row limit). */
const lookResults = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i + 1}: look(id: "${i + 1}") { result(limit: ${101 + i}) { rowCount } }`).join(' ')} }`;

let engine: Engine;
let stack: SubgraphStack;
let admin: Looker40SDK;

beforeAll(async () => {
  engine = await createTestEngine();
  stack = await startSubgraphStack({
    engine,
    lookerTimeoutMs: 4_000,
    env: {
      LOOKER_RESULT_TASKS: 'true',
      LOOKER_SYNC_WAIT: '1',
      LOOKER_QUERY_DEADLINE: '8',
      LOOKER_SUBJECT_MAX_TASKS: String(cap),
    },
  });
  admin = adminSdk(stack.emulator.url, testLookerSecret);
});

afterAll(async () => {
  await stack?.stop();
  await engine?.close();
});

/** Looker's own list of the query tasks it runs, as its admin sees it. */
const runningInLooker = async () => ok(admin.all_running_queries());

/** Both synchronous runs and query tasks take two minutes. */
async function slowQueries(): Promise<void> {
  await stack.control('query-time', { ms: 120_000, route: 'POST /query_tasks' });
  await stack.control('query-time', { ms: 120_000, route: 'GET /queries/{query_id}/run/{result_format}' });
}

afterEach(async () => {
  await Promise.all((await runningInLooker()).map((r) => admin.kill_query(r.query_task_id ?? '')));
  await stack.resetLookerStats();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 100 ms, at most `tries` times; whether it came true. */
async function eventually(condition: () => Promise<boolean>, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries; i += 1) {
    if (await condition()) return true;
    await pause(100);
  }
  return false;
}

/** The Looker calls the subgraph made: every route but the admin's own listing and logins. */
const subgraphCalls = (stats: LookerStats) =>
  Object.entries(stats.byRoute)
    .filter(([route]) => route !== 'GET /api/4.0/running_queries' && !route.includes('/login'))
    .reduce((sum, [, n]) => sum + n, 0);

const now = () => Math.floor(Date.now() / 1000);
const tokenOf = (sub: string) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub,
    scope: 'looker:content:read looker:data:read',
    exp: now() + 600,
  });

test("startQuery tasks and slow look results share the caller's cap: Looker never runs more than the cap of its tasks", async () => {
  const analyst = await stack.token('demo-analyst');
  await stack.resetLookerStats();
  await slowQueries();
  const started = await stack.graphql(startMany(cap - 1), { token: analyst, variables: { input: queryInput } });
  expect(started.body.errors).toBeUndefined();

  let answered = false;
  const results = stack.graphql(lookResults(6), { token: analyst }).finally(() => {
    answered = true;
  });
  let most = 0;
  while (!answered) {
    most = Math.max(most, (await runningInLooker()).length);
    await pause(100);
  }
  const answer = await results;
  // One result took the last slot; the other five found none and started no task.
  expect(most).toBe(cap);
  const stats = await stack.lookerStats();
  expect(stats.byRoute['POST /api/4.0/query_tasks']).toBe(cap);
  // Past the synchronous wait with no slot, a result waits for its run as without tasks, and fails as a timeout does.
  expect(answer.body.errors).toHaveLength(6);
  for (const error of answer.body.errors ?? []) expect(error.extensions?.code).toBe('LOOKER_UNAVAILABLE');
});

/** Sends `query` to `base` as a client that can go away (abort); never throws. */
function leavingRequest(
  base: string,
  token: string,
  query: string,
): { gone: AbortController; answered: Promise<unknown> } {
  const gone = new AbortController();
  const answered = fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    signal: gone.signal,
  }).catch((error: unknown) => error);
  return { gone, answered };
}

/** Fails if the subgraph's Looker calls counted by the emulator move over the next `reads` reads, 300 ms apart. */
async function expectNoFurtherCalls(reads = 10): Promise<void> {
  const settled = subgraphCalls(await stack.lookerStats());
  for (let i = 0; i < reads; i += 1) {
    await pause(300);
    expect(subgraphCalls(await stack.lookerStats())).toBe(settled);
  }
}

test('a client that goes away: its result tasks are killed in Looker and its request makes no further Looker calls', async () => {
  // A long deadline: only the client's going away can end these tasks soon.
  const replica: Replica = await stack.replica({ LOOKER_QUERY_DEADLINE: '120' });
  const token = await tokenOf('client-that-leaves');
  await slowQueries();
  const client = leavingRequest(replica.url, token, lookResults(cap));
  expect(await eventually(async () => (await runningInLooker()).length === cap)).toBe(true);
  const tasks = (await runningInLooker()).map((r) => r.query_task_id ?? '');
  client.gone.abort();
  await client.answered;

  expect(await eventually(async () => (await runningInLooker()).length === 0, 50)).toBe(true);
  for (const id of tasks) expect((await ok(admin.query_task(id))).status).toBe('killed');
  // Settled: the counter no longer moves (its polls and any further runs would).
  await expectNoFurtherCalls();
  await replica.stop();
});

test('a client that goes away during the synchronous wait: its runs are aborted and no query task starts', async () => {
  // Time to see the runs start and leave before the wait ends; tasks would start within the settle below.
  const replica: Replica = await stack.replica({ LOOKER_SYNC_WAIT: '3' });
  const token = await tokenOf('client-that-leaves-early');
  await slowQueries();
  const runs = 'GET /api/4.0/queries/:query_id/run/:result_format';
  const client = leavingRequest(replica.url, token, lookResults(cap));
  expect(await eventually(async () => ((await stack.lookerStats()).byRoute[runs] ?? 0) === cap)).toBe(true);
  client.gone.abort();
  await client.answered;

  await expectNoFurtherCalls(17);
  expect((await stack.lookerStats()).byRoute['POST /api/4.0/query_tasks']).toBeUndefined();
  expect(await runningInLooker()).toEqual([]);
  await replica.stop();
});

test("an agent that goes away during a tool call over /mcp: the tool's result tasks are killed too", async () => {
  const replica: Replica = await stack.replica({ LOOKER_QUERY_DEADLINE: '120' });
  const token = await tokenOf('agent-that-leaves');
  await slowQueries();
  const gone = new AbortController();
  const answered = fetch(`${replica.url}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(toolCallMessage(1, 'run_look', { id: '1' })),
    signal: gone.signal,
  }).catch((error: unknown) => error);
  expect(await eventually(async () => (await runningInLooker()).length === 1)).toBe(true);
  const [task] = (await runningInLooker()).map((r) => r.query_task_id ?? '');
  gone.abort();
  await answered;

  expect(await eventually(async () => (await runningInLooker()).length === 0, 50)).toBe(true);
  expect((await ok(admin.query_task(task ?? ''))).status).toBe('killed');
  await expectNoFurtherCalls();
  await replica.stop();
});
