import { startEmulator, type RecordedRequest, type RunningEmulator } from '../../../emulator';
import { createTestEngine } from '../../support/subgraph-stack';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, engine: await createTestEngine() });
});

afterAll(async () => {
  await emulator?.stop();
  await emulator?.engine.close();
});

async function recorded(): Promise<RecordedRequest[]> {
  const response = await fetch(`${emulator.url}/__emulator/requests`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { requests: RecordedRequest[] }).requests;
}

test('the emulator records the method, path, time and traceparent of each API request, never the query string', async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  await fetch(`${emulator.url}/api/4.0/versions?fields=looker_release_version`, { headers: { traceparent } });
  await fetch(`${emulator.url}/api/4.0/no/such/route`);
  await fetch(`${emulator.url}/alive`);
  const requests = await recorded();
  expect(requests.map(({ method, path, traceparent: t }) => ({ method, path, traceparent: t }))).toEqual([
    { method: 'GET', path: '/api/4.0/versions', traceparent },
    { method: 'GET', path: '/api/4.0/no/such/route', traceparent: null },
  ]);
  for (const request of requests) expect(Date.parse(request.time)).not.toBeNaN();
  // The same list is on the programmatic control.
  expect(emulator.control.requests()).toEqual(requests);
});

test('it keeps the last 1,000 requests, and reset clears them unless stats are kept', async () => {
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  for (let i = 0; i < 1005; i += 1) await fetch(`${emulator.url}/api/4.0/looks/${i}`);
  const requests = await recorded();
  expect(requests).toHaveLength(1000);
  expect(requests[0]?.path).toBe('/api/4.0/looks/5');
  expect(requests[999]?.path).toBe('/api/4.0/looks/1004');

  await fetch(`${emulator.url}/__emulator/reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ stats: false }),
  });
  expect(await recorded()).toHaveLength(1000);
  await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
  expect(await recorded()).toEqual([]);
});
