import { startEmulator, type RunningEmulator } from '../../../emulator';
import { createEngine } from '../../../emulator/engine/create-engine';
import type { Engine } from '../../../emulator/engine/types';
import { contentTags, SharedCache } from '../../../src/cache';
import { Secret } from '../../../src/config/secret';
import { createLoaders } from '../../../src/loaders';
import { defaultLoaderOptions } from '../../../src/loaders/loader-options';
import { LookerClient } from '../../../src/looker/looker-client';
import { createServiceLookerSession } from '../../../src/looker/service-looker-session';

/**
 * The content loaders file what they cache under the tags a write evicts (`contentTags`): through
 * the real client against the emulator, an eviction makes exactly the answers that hold the named
 * content load anew from Looker, and leaves the others cached.
 */
const lookerSecret = 'looker-admin-secret';
let engine: Engine;
let emulator: RunningEmulator;
let cache: SharedCache;

beforeAll(async () => {
  engine = await createEngine({ seed: 7, referenceDate: new Date('2026-06-15T00:00:00Z') });
  emulator = await startEmulator({ port: 0, engine, clientSecret: lookerSecret });
});

afterAll(async () => {
  await emulator.stop();
  await engine.close();
});

beforeEach(() => {
  cache = new SharedCache({ metadataTtlSeconds: 300, resultTtlSeconds: 60 });
});

afterEach(() => cache.close());

const session = () =>
  createServiceLookerSession({
    baseUrl: emulator.url,
    clientId: 'looker-admin',
    clientSecret: new Secret(lookerSecret),
    verifySsl: true,
    timeoutMs: 10_000,
  });

/** One request's loaders (each request has its own, over the one shared cache). */
const request = () => createLoaders(new LookerClient(session(), { timeoutMs: 10_000 }), defaultLoaderOptions, cache);

/** The Looker calls `read` makes. */
async function callsOf(read: () => Promise<unknown>): Promise<number> {
  const before = emulator.stats().total;
  await read();
  return emulator.stats().total - before;
}

test('a look by id is filed under its own tag and its folder’s', async () => {
  const look = (id: string) => () => request().look.load(id);
  const first = await request().look.load('1');
  const folderId = first?.folder?.id;
  expect(folderId).toBeTruthy();
  await look('2')();
  expect(await callsOf(look('1'))).toBe(0);
  await cache.evict([contentTags.look('1')]);
  expect(await callsOf(look('1'))).toBeGreaterThan(0);
  expect(await callsOf(look('1'))).toBe(0);
  expect(await callsOf(look('2'))).toBe(0);
  await cache.evict([contentTags.folder(String(folderId))]);
  expect(await callsOf(look('1'))).toBeGreaterThan(0);
});

test('pages of looks are filed under `looks`, of dashboards under `dashboards`, of folders under `folders`', async () => {
  const pages = {
    looks: () => request().search.looks({ offset: 0, limit: 5 }),
    dashboards: () => request().search.dashboards({ offset: 0, limit: 5 }),
    folders: () => request().search.folders({ offset: 0, limit: 5 }),
  };
  for (const read of Object.values(pages)) await read();
  for (const kind of ['looks', 'dashboards', 'folders'] as const) {
    await cache.evict([contentTags[kind]]);
    for (const [other, read] of Object.entries(pages))
      expect([other, await callsOf(read)]).toEqual([other, other === kind ? expect.any(Number) : 0]);
  }
  // And each kind's eviction loaded its own pages anew.
  for (const kind of ['looks', 'dashboards', 'folders'] as const) {
    await cache.evict([contentTags[kind]]);
    expect(await callsOf(pages[kind])).toBeGreaterThan(0);
  }
});

test('a dashboard, its detail and its tiles are filed under its tag, and its tiles under their looks’', async () => {
  // A dashboard with a tile that shows a look.
  let dashboardId: string | undefined;
  let lookId: string | undefined;
  for (let id = 1; id <= 30 && !lookId; id += 1) {
    const elements = await request().dashboardElements.load(String(id));
    const withLook = elements?.find((element) => element.look_id);
    if (withLook?.look_id) [dashboardId, lookId] = [String(id), withLook.look_id];
  }
  expect(lookId).toBeDefined();
  const id = String(dashboardId);
  const reads = {
    dashboard: () => request().dashboard.load(id),
    tiles: () => request().dashboardElements.load(id),
    detail: () => request().dashboardDetail.load(id),
  };
  for (const read of Object.values(reads)) await read();
  for (const read of Object.values(reads)) expect(await callsOf(read)).toBe(0);

  // The batched dashboard (a search answer) and the detail (the whole dashboard) are entries of their own.
  await cache.evict([contentTags.dashboard(id)]);
  for (const read of Object.values(reads)) expect(await callsOf(read)).toBeGreaterThan(0);

  await cache.evict([contentTags.look(String(lookId))]);
  expect(await callsOf(reads.tiles)).toBeGreaterThan(0);
  expect(await callsOf(reads.detail)).toBeGreaterThan(0);
  await callsOf(reads.dashboard);
  // A look of another dashboard's tile evicts nothing of this one.
  await cache.evict([contentTags.look('no-such-look')]);
  for (const read of Object.values(reads)) expect(await callsOf(read)).toBe(0);
});

test('a folder by id is filed under its tag', async () => {
  const folder = (id: string) => () => request().folder.load(id);
  const [first] = (await request().search.folders({ offset: 0, limit: 2 })).items;
  const id = String(first?.id);
  await folder(id)();
  expect(await callsOf(folder(id))).toBe(0);
  await cache.evict([contentTags.folder(id)]);
  expect(await callsOf(folder(id))).toBeGreaterThan(0);
  expect(await callsOf(folder(id))).toBe(0);
});
