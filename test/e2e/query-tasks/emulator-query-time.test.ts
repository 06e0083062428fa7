import { DelimArray } from '@looker/sdk-rtl';
import { ResultFormat } from '@looker/sdk';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { createEngine } from '../../../emulator/engine/create-engine';
import type { Engine } from '../../../emulator/engine/types';
import { adminSdk, ok } from '../../support/looker-sdk';

/** The emulator's query time control and Looker's kill, through the real SDK and the HTTP controls. */
let engine: Engine;
let emulator: RunningEmulator;

beforeAll(async () => {
  engine = await createEngine({ seed: 7, referenceDate: new Date('2026-06-15T00:00:00Z') });
  emulator = await startEmulator({ port: 0, engine });
});

afterAll(async () => {
  await emulator.stop();
  await engine.close();
});

const control = (path: string, body?: unknown, method = 'POST') =>
  fetch(`${emulator.url}/__emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const sdk = () => adminSdk(emulator.url);
const startTask = async () =>
  ok(sdk().create_query_task({ body: { query_id: '1', result_format: ResultFormat.json_bi } }));
const statusOf = async (id: string) => (await ok(sdk().query_task(id))).status;

async function settled(id: string): Promise<string | null | undefined> {
  for (;;) {
    const status = await statusOf(id);
    if (status !== 'added' && status !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(async () => {
  await control('reset');
});

test('POST /__emulator/query-time keeps a task running; DELETE /running_queries/{id} kills it as Looker does', async () => {
  expect((await control('query-time', { ms: 60_000 })).status).toBe(200);
  const task = await startTask();
  const id = task.id ?? '';
  while ((await statusOf(id)) !== 'running') await new Promise((resolve) => setTimeout(resolve, 10));
  const running = await ok(sdk().all_running_queries());
  expect(running.map((r) => [r.query_task_id, r.query_id, r.status])).toEqual([[id, '1', 'running']]);

  const multi = (await ok(sdk().query_task_multi_results(new DelimArray([id])))) as Record<string, { status: string }>;
  expect(multi[id]).toEqual({ status: 'running' });

  const killed = await sdk().kill_query(id);
  expect(killed.ok).toBe(true);
  expect(await statusOf(id)).toBe('killed');
  expect(await ok(sdk().all_running_queries())).toEqual([]);
  expect(await ok(sdk().query_task_multi_results(new DelimArray([id])))).toEqual({ [id]: { status: 'killed' } });
  // A finished task cannot be killed again, and has no results.
  expect((await sdk().kill_query(id)).ok).toBe(false);
  expect((await sdk().query_task_results(id)).ok).toBe(false);
});

test('query time applies to synchronous runs too, per route, and DELETE or reset clears it', async () => {
  await control('query-time', { ms: 60_000, route: 'GET /queries/{query_id}/run/{result_format}' });
  // Tasks are not held by a rule for another route.
  const task = await startTask();
  expect(await settled(task.id ?? '')).toBe('complete');
  // A synchronous run is held: the client gives up before the answer.
  const login = await fetch(`${emulator.apiUrl}/login`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: 'looker-admin', client_secret: 'looker-admin-secret' }),
  });
  const token = ((await login.json()) as { access_token: string }).access_token;
  const held = fetch(`${emulator.apiUrl}/queries/1/run/json`, {
    headers: { authorization: `token ${token}` },
    signal: AbortSignal.timeout(300),
  });
  await expect(held).rejects.toMatchObject({ name: 'TimeoutError' });
  expect((await control('query-time', undefined, 'DELETE')).status).toBe(204);
  expect((await sdk().run_query({ query_id: '1', result_format: 'json' })).ok).toBe(true);

  await control('query-time', { ms: 60_000 });
  await control('reset');
  expect(await settled((await startTask()).id ?? '')).toBe('complete');
});

test('a bad query-time body is refused with the reason', async () => {
  const refused = await control('query-time', { ms: -1 });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { message: string }).message).toContain('ms');
});
