import { pageAll } from '@looker/sdk-rtl';
import type { ILook } from '@looker/sdk';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import { createSuiteEngine, sdkFor, type SdkClient } from './emulator-sdk';

// Looker's paging headers, as sdk-codegen's docs/paging.md describes them, read by the SDK's own
// pager (sdk-rtl paging.ts) exactly as it reads them from a real instance.
let engine: Engine;
let emulator: RunningEmulator;
let client: SdkClient;

beforeAll(async () => {
  engine = await createSuiteEngine();
  emulator = await startEmulator({ engine });
  client = sdkFor(emulator.url);
});
afterAll(async () => {
  await emulator.stop();
  await engine.close();
});

/** The headers of the last response the SDK received. */
function lastHeaders(): Record<string, string> {
  const raw = client.responses.at(-1);
  return Object.fromEntries(Object.entries(raw?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

test("the SDK's pageAll walks search_looks to the end by the Link header", async () => {
  const pages: number[] = [];
  const ids: string[] = [];
  await pageAll(
    client.sdk,
    () => client.sdk.search_looks({ limit: 10, fields: 'id' }),
    (page: ILook[]) => {
      pages.push(page.length);
      ids.push(...page.map((l) => String(l.id)));
      return page;
    },
  );
  expect(pages).toEqual([10, 10, 10, 10, 10, 6]);
  expect(new Set(ids).size).toBe(56);
});

test('a page answers X-Total-Count and first, last, prev and next links in limit/offset form', async () => {
  await client.sdk.ok(client.sdk.search_looks({ limit: 20, offset: 20, fields: 'id' }));
  const headers = lastHeaders();
  expect(headers['x-total-count']).toBe('56');
  const link = headers['link'] ?? '';
  expect(link).toMatch(/limit=20&offset=0>; rel="first"/);
  expect(link).toMatch(/limit=20&offset=40>; rel="last"/);
  expect(link).toMatch(/limit=20&offset=40>; rel="next"/);
  expect(link).toMatch(/limit=20&offset=0>; rel="prev"/);
});

test('the last page has no next link; a search without limit has no paging headers', async () => {
  // Six shared folders (Sandbox included), the Users root and five personal folders: the page at offset 9 is the last.
  await client.sdk.ok(client.sdk.search_folders({ limit: 3, offset: 9, fields: 'id' }));
  expect(lastHeaders()['link']).not.toMatch(/rel="next"/);
  expect(lastHeaders()['x-total-count']).toBe('12');
  await client.sdk.ok(client.sdk.search_looks({ fields: 'id' }));
  expect(lastHeaders()['link']).toBeUndefined();
  expect(lastHeaders()['x-total-count']).toBeUndefined();
});

test('dashboard searches page the same way (LookML dashboards are not in them)', async () => {
  await client.sdk.ok(client.sdk.search_dashboards({ limit: 4, fields: 'id' }));
  const headers = lastHeaders();
  const total = Number(headers['x-total-count']);
  expect(total).toBeGreaterThan(4);
  expect(headers['link']).toMatch(/limit=4&offset=4>; rel="next"/);
  const all = await client.sdk.ok(client.sdk.search_dashboards({ limit: 100, fields: 'id' }));
  expect(all).toHaveLength(total);
  expect(all.some((d) => String(d.id).includes('::'))).toBe(false);
});
