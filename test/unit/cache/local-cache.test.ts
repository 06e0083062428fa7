import { LocalCache } from '../../../src/cache/local-cache';

let now = 1_000;
const clock = () => now;
beforeEach(() => {
  now = 1_000;
});

test('a value counts until its expiry on the injected clock', async () => {
  const cache = new LocalCache<string>({ maxEntries: 10, clock });
  expect(await cache.getOrLoad('k', async () => ({ value: 'v1', expiresAt: 2_000 }))).toBe('v1');
  now = 1_999;
  expect(cache.get('k')).toBe('v1');
  now = 2_000;
  expect(cache.get('k')).toBeUndefined();
  expect(await cache.getOrLoad('k', async () => ({ value: 'v2', expiresAt: 3_000 }))).toBe('v2');
});

test('concurrent readers of a missing key share one load', async () => {
  const cache = new LocalCache<number>({ maxEntries: 10, clock });
  let loads = 0;
  let release: (n: number) => void = () => undefined;
  const gate = new Promise<number>((resolve) => (release = resolve));
  const load = async () => {
    loads += 1;
    return { value: await gate, expiresAt: 5_000 };
  };
  const readers = Array.from({ length: 5 }, () => cache.getOrLoad('k', load));
  release(42);
  expect(await Promise.all(readers)).toEqual([42, 42, 42, 42, 42]);
  expect(loads).toBe(1);
});

test('a failed load is not remembered', async () => {
  const cache = new LocalCache<string>({ maxEntries: 10, clock });
  await expect(cache.getOrLoad('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
  expect(await cache.getOrLoad('k', async () => ({ value: 'ok', expiresAt: 2_000 }))).toBe('ok');
});

test('delete with a value spares a newer value', async () => {
  const cache = new LocalCache<{ token: string }>({ maxEntries: 10, clock });
  const old = { token: 'a' };
  const fresh = { token: 'b' };
  await cache.getOrLoad('k', async () => ({ value: fresh, expiresAt: 9_000 }));
  cache.delete('k', old);
  expect(cache.get('k')).toBe(fresh);
  cache.delete('k', fresh);
  expect(cache.get('k')).toBeUndefined();
});

test('the cache stays within its bound, forgetting the least recently used', async () => {
  const cache = new LocalCache<string>({ maxEntries: 2, clock });
  for (const key of ['a', 'b', 'c']) await cache.getOrLoad(key, async () => ({ value: key, expiresAt: 9_000 }));
  expect(cache.size).toBe(2);
  expect(cache.get('a')).toBeUndefined();
  expect(cache.get('c')).toBe('c');
});

test('set keeps a value until its own expiry; a time already past keeps nothing', () => {
  const cache = new LocalCache<string>({ maxEntries: 10, clock });
  cache.set('a', 'x', 1_500);
  cache.set('b', 'y', 1_000);
  expect(cache.get('a')).toBe('x');
  expect(cache.get('b')).toBeUndefined();
  now = 1_500;
  expect(cache.get('a')).toBeUndefined();
});
