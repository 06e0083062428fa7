import { getEventListeners } from 'node:events';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { createEngine } from '../../../emulator/engine/create-engine';
import type { Engine } from '../../../emulator/engine/types';
import { SubjectTaskSlots } from '../../../src/limits';
import { LookerClient, type LookerClientOptions } from '../../../src/looker/looker-client';
import { createSlowQueryMemory, runAsTaskWhenSlow } from '../../../src/looker/run-as-task';
import { createServiceLookerSession } from '../../../src/looker/service-looker-session';
import { Secret } from '../../../src/config/secret';

/**
 * Results whose query outlasts the synchronous wait run as query tasks, through the real SDK and
 * client against the emulator: short numbers (a 4 s query, a 1 s wait, LOOKERSDK_TIMEOUT=3) show
 * what a 40 s query with LOOKERSDK_TIMEOUT=30 would.
 */
const lookerSecret = 'looker-admin-secret';
let engine: Engine;
let emulator: RunningEmulator;

beforeAll(async () => {
  engine = await createEngine({ seed: 7, referenceDate: new Date('2026-06-15T00:00:00Z') });
  emulator = await startEmulator({ port: 0, engine, clientSecret: lookerSecret });
});

afterAll(async () => {
  await emulator.stop();
  await engine.close();
});

afterEach(() => emulator.control.reset());

/** A request's Looker client, as the server builds one, with LOOKERSDK_TIMEOUT=3 unless told otherwise. */
function requestClient(timeoutMs = 3000, taskSlot?: LookerClientOptions['taskSlot']): LookerClient {
  const session = createServiceLookerSession({
    baseUrl: emulator.url,
    clientId: 'looker-admin',
    clientSecret: new Secret(lookerSecret),
    verifySsl: true,
    timeoutMs,
  });
  return new LookerClient(session, { timeoutMs, taskSlot });
}

const byRoute = (route: string) => emulator.stats().byRoute[route] ?? 0;
const runRoute = 'GET /api/4.0/queries/:query_id/run/:result_format';
const createTaskRoute = 'POST /api/4.0/query_tasks';
const killRoute = 'DELETE /api/4.0/running_queries/:query_task_id';
const short = { syncWaitMs: 1000, deadlineMs: 20_000, backoff: { firstMs: 100, factor: 1.5, maxMs: 500 } };

test('a query slower than LOOKERSDK_TIMEOUT fails synchronously and succeeds as a task, with the same rows', async () => {
  const expected = await requestClient().runQuery('1', 10);
  emulator.control.setQueryTime({ ms: 4000 });
  emulator.control.reset({ faults: false, latency: false, queryTime: false });

  await expect(requestClient().runQuery('1', 10)).rejects.toMatchObject({ code: 'LOOKER_UNAVAILABLE' });
  const result = await runAsTaskWhenSlow(requestClient(), { queryId: '1', limit: 10 }, short);
  expect(result).toEqual(expected);
  // The two synchronous runs that gave up (the plain one, and the one the task replaced), one task, nothing killed.
  expect([byRoute(runRoute), byRoute(createTaskRoute), byRoute(killRoute)]).toEqual([2, 1, 0]);
});

test('a fast query answers synchronously: no task', async () => {
  // The synchronous wait (capped by LOOKERSDK_TIMEOUT) covers a fresh login as well as the run: 1 s
  // is not always enough on a loaded machine, and nothing here needs it short.
  const patient = { ...short, syncWaitMs: 10_000 };
  const expected = await requestClient(10_000).runQuery('3', 5);
  emulator.control.reset();
  expect(await runAsTaskWhenSlow(requestClient(10_000), { queryId: '3', limit: 5 }, patient)).toEqual(expected);
  expect([byRoute(runRoute), byRoute(createTaskRoute)]).toEqual([1, 0]);
});

test('past the deadline the task is killed in Looker and the result is LOOKER_UNAVAILABLE', async () => {
  emulator.control.setQueryTime({ ms: 30_000 });
  await expect(
    runAsTaskWhenSlow(requestClient(), { queryId: '1', limit: 10 }, { ...short, deadlineMs: 2500 }),
  ).rejects.toMatchObject({
    code: 'LOOKER_UNAVAILABLE',
    message: 'Looker did not finish the query within 3 s',
  });
  expect([byRoute(createTaskRoute), byRoute(killRoute)]).toEqual([1, 1]);
});

test('a request that goes away kills its task', async () => {
  emulator.control.setQueryTime({ ms: 30_000, route: 'POST /query_tasks' });
  emulator.control.setQueryTime({ ms: 30_000, route: 'GET /queries/{query_id}/run/{result_format}' });
  const gone = new AbortController();
  const running = runAsTaskWhenSlow(requestClient(), { queryId: '1', limit: 10 }, { ...short, signal: gone.signal });
  while (byRoute('GET /api/4.0/query_tasks/multi_results') === 0)
    await new Promise((resolve) => setTimeout(resolve, 50));
  gone.abort();
  await expect(running).rejects.toMatchObject({ code: 'LOOKER_UNAVAILABLE' });
  expect(byRoute(killRoute)).toBe(1);
});

test('a query found slow goes straight to a task next time', async () => {
  const slowQueries = createSlowQueryMemory();
  emulator.control.setQueryTime({ ms: 2000 });
  await runAsTaskWhenSlow(requestClient(), { queryId: '2', limit: 10 }, { ...short, slowQueries });
  await runAsTaskWhenSlow(requestClient(), { queryId: '2', limit: 10 }, { ...short, slowQueries });
  expect([byRoute(runRoute), byRoute(createTaskRoute)]).toEqual([1, 2]);
});

test('a query Looker will not run for this user is FORBIDDEN, as synchronously', async () => {
  emulator.control.setQueryTime({ ms: 2000 });
  await expect(runAsTaskWhenSlow(requestClient(), { queryId: '999999', limit: 10 }, short)).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('with no task slot left no task starts: the synchronous run goes on and serves a query Looker answers within LOOKERSDK_TIMEOUT', async () => {
  const expected = await requestClient().runQuery('1', 10);
  emulator.control.reset();
  // 2 s: past the 1 s synchronous wait, within the 3 s timeout.
  emulator.control.setQueryTime({ ms: 2000 });
  const result = await runAsTaskWhenSlow(
    requestClient(3000, async () => undefined),
    { queryId: '1', limit: 10 },
    short,
  );
  expect(result).toEqual(expected);
  expect([byRoute(runRoute), byRoute(createTaskRoute)]).toEqual([1, 0]);
});

test("a task holds one of the caller's slots while it runs, and gives it back when it ends: completed or killed", async () => {
  const slots = new SubjectTaskSlots({ perSubject: 1, leaseMs: 60_000 });
  const client = () => requestClient(3000, () => slots.take('caller'));
  emulator.control.setQueryTime({ ms: 2500 });
  const completing = runAsTaskWhenSlow(client(), { queryId: '1', limit: 10 }, short);
  while (byRoute(createTaskRoute) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await slots.take('caller')).toBeUndefined();
  await completing;
  const freed = await slots.take('caller');
  expect(freed).toBeDefined();
  freed?.();

  emulator.control.setQueryTime({ ms: 30_000 });
  const gone = new AbortController();
  const killed = runAsTaskWhenSlow(client(), { queryId: '2', limit: 10 }, { ...short, signal: gone.signal });
  while (byRoute(createTaskRoute) === 1) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await slots.take('caller')).toBeUndefined();
  gone.abort();
  await expect(killed).rejects.toMatchObject({ code: 'LOOKER_UNAVAILABLE' });
  expect(byRoute(killRoute)).toBe(1);
  expect(await slots.take('caller')).toBeDefined();
});

test('a task that ended lets go of its request: nothing stays on the request signal until the deadline', async () => {
  emulator.control.setQueryTime({ ms: 1500 });
  const request = new AbortController();
  const looker = requestClient();
  const runs = 3;
  for (let i = 0; i < runs; i += 1)
    await runAsTaskWhenSlow(looker, { queryId: '1', limit: 10 }, { ...short, signal: request.signal });
  expect(byRoute(createTaskRoute)).toBe(runs);
  // Each task's deadline listened to the request's end; a finished task must not keep listening
  // (nor keep its deadline timer, and all it reaches, for LOOKER_QUERY_DEADLINE).
  expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
});
