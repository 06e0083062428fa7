import { startEmulator, type RunningEmulator } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import { createSuiteEngine, errorStatus, sdkFor, type SdkClient } from './emulator-sdk';

let engine: Engine;
let emulator: RunningEmulator;
let admin: SdkClient;

beforeAll(async () => {
  engine = await createSuiteEngine();
  emulator = await startEmulator({ port: 0, engine });
  admin = sdkFor(emulator.url);
  await admin.sdk.ok(admin.sdk.me());
});

beforeEach(() => {
  emulator.control.reset();
});

afterAll(async () => {
  await emulator.stop();
  await engine.close();
});

/** Sends a control request over HTTP, as curl would. */
async function control(path: string, body?: unknown, method = 'POST'): Promise<Response> {
  return fetch(`${emulator.url}/__emulator/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('faults', () => {
  it('fails the next request with 503 (count 1), then serves normally', async () => {
    emulator.control.addFault({ route: 'GET /looks/:look_id', status: 503, count: 1 });
    const failed = await admin.sdk.look('1');
    expect(failed.ok ? undefined : errorStatus(failed.error)).toBe(503);
    const served = await admin.sdk.ok(admin.sdk.look('1'));
    expect(served.id).toBe('1');
    expect(emulator.control.faults()).toEqual([]);
    expect(emulator.stats().byRoute['GET /api/4.0/looks/:look_id']).toBe(2);
  });

  it('answers 429 with a Retry-After header the client can read', async () => {
    const added = await control('faults', { route: 'GET /looks/search', status: 429, count: 1, retryAfter: 7 });
    expect(added.status).toBe(201);
    const limited = await admin.sdk.search_looks({ id: '1' });
    expect(limited.ok).toBe(false);
    const raw = admin.responses.at(-1);
    expect(raw?.statusCode).toBe(429);
    expect(raw?.headers['retry-after']).toBe('7');
    expect((await admin.sdk.search_looks({ id: '1' })).ok).toBe(true);
  });

  it('matches faults by route template only', async () => {
    emulator.control.addFault({ route: 'GET /dashboards/{dashboard_id}', status: 500 });
    expect((await admin.sdk.look('1')).ok).toBe(true);
    const d1 = await admin.sdk.dashboard('1');
    const d2 = await admin.sdk.dashboard('2');
    expect([d1, d2].map((a) => (a.ok ? 200 : errorStatus(a.error)))).toEqual([500, 500]);
    expect((await control('faults', undefined, 'DELETE')).status).toBe(204);
    expect((await admin.sdk.dashboard('1')).ok).toBe(true);
  });

  it('holds a hanging request open until the client aborts it', async () => {
    emulator.control.addFault({ route: 'GET /looks/:look_id', status: 503, hang: true, count: 1 });
    const abort = new AbortController();
    const hang = emulator.control.waitForHang();
    const call = admin.sdk.look('1', undefined, { signal: abort.signal });
    const held = await hang;
    expect(held.routeKey).toBe('GET /api/4.0/looks/:look_id');
    expect(emulator.control.hangingCount).toBe(1);
    abort.abort();
    const answer = await call;
    expect(answer.ok).toBe(false);
    expect(answer.ok ? undefined : (answer.error as { name?: string }).name).toBe('AbortError');
    await held.released;
    expect(emulator.control.hangingCount).toBe(0);
    expect((await admin.sdk.look('1')).ok).toBe(true);
  });

  it('validates fault bodies', async () => {
    const bad = await control('faults', { status: 418 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/status/);
  });
});

describe('latency', () => {
  it('delays the configured route, and only that route', async () => {
    // Long enough that the undelayed dashboard answers first even on a loaded machine.
    emulator.control.setLatency({ ms: 2_000, route: 'GET /looks/:look_id' });
    const finished: string[] = [];
    const slow = admin.sdk.look('1').then(() => finished.push('look'));
    const fast = admin.sdk.dashboard('1').then(() => finished.push('dashboard'));
    await Promise.all([slow, fast]);
    expect(finished).toEqual(['dashboard', 'look']);
    const lookCall = admin.responses.filter((r) => r.url.includes('/looks/1')).at(-1);
    expect(lookCall?.headers['x-emulator-delay-ms']).toBe('2000');
  });

  it('applies global latency with jitter over HTTP, and reset restores the start-up latency', async () => {
    expect((await control('latency', { ms: 5, jitterMs: 10 })).status).toBe(200);
    await admin.sdk.ok(admin.sdk.look('2'));
    const delay = Number(admin.responses.at(-1)?.headers['x-emulator-delay-ms']);
    expect(delay).toBeGreaterThanOrEqual(5);
    expect(delay).toBeLessThanOrEqual(15);
    await control('reset');
    await admin.sdk.ok(admin.sdk.look('2'));
    expect(admin.responses.at(-1)?.headers['x-emulator-delay-ms']).toBeUndefined();
  });
});

describe('stats', () => {
  it('counts API requests by route template, not by URL, and not the control routes', async () => {
    await admin.sdk.ok(admin.sdk.look('1'));
    await admin.sdk.ok(admin.sdk.look('2'));
    await admin.sdk.ok(admin.sdk.search_looks({ title: '%' }));
    await fetch(`${emulator.apiUrl}/no/such/route`);
    const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as {
      total: number;
      byRoute: Record<string, number>;
    };
    expect(stats).toEqual({
      total: 4,
      byRoute: { 'GET /api/4.0/<unknown route>': 1, 'GET /api/4.0/looks/:look_id': 2, 'GET /api/4.0/looks/search': 1 },
    });
    expect(emulator.stats()).toEqual(stats);
  });

  it('keeps faults across a reset that asks to keep them', async () => {
    emulator.control.addFault({ route: 'GET /looks/:look_id', status: 502 });
    await control('reset', { faults: false });
    expect(emulator.stats().total).toBe(0);
    const failed = await admin.sdk.look('1');
    expect(failed.ok ? undefined : errorStatus(failed.error)).toBe(502);
    await control('reset');
    expect((await admin.sdk.look('1')).ok).toBe(true);
  });

  it("answers unknown API routes with Looker's 404 body", async () => {
    const response = await fetch(`${emulator.apiUrl}/no/such/route`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      message: 'Not found',
      documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/404/get/no/such/route',
    });
  });
});

describe('token expiry control', () => {
  it('expires every token over HTTP', async () => {
    const client = sdkFor(emulator.url);
    await client.sdk.ok(client.sdk.me());
    expect((await control('tokens/expire')).status).toBe(204);
    const refused = await client.sdk.me();
    expect(refused.ok ? undefined : errorStatus(refused.error)).toBe(401);
    admin = sdkFor(emulator.url);
  });
});

describe('independent instances', () => {
  it('keeps stats, faults and sessions per emulator', async () => {
    const other = await startEmulator({ port: 0, engine, clientSecret: 'other-secret' });
    try {
      other.control.addFault({ status: 500 });
      expect((await admin.sdk.look('1')).ok).toBe(true);
      expect(other.stats().total).toBe(0);
      const wrongSecret = sdkFor(other.url);
      expect((await wrongSecret.sdk.me()).ok).toBe(false);
      expect(other.stats().total).toBe(1);
    } finally {
      await other.stop();
    }
    expect((await admin.sdk.look('1')).ok).toBe(true);
  });

  it('ends held-open requests when stopped', async () => {
    const other = await startEmulator({ port: 0, engine });
    other.control.addFault({ status: 503, hang: true });
    const hang = other.control.waitForHang();
    const call = fetch(`${other.apiUrl}/versions`);
    const held = await hang;
    await other.stop();
    await held.released;
    await expect(call).rejects.toThrow();
    expect(other.control.hangingCount).toBe(0);
  });
});
