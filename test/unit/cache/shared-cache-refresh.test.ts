import { SharedCache } from '../../../src/cache/shared-cache';

/** A load that answers when the test says so (every run of it alike), counting how often it was started. */
function heldLoad<T>() {
  let started = 0;
  let settle: { resolve: (value: T) => void; reject: (error: Error) => void } = {
    resolve: () => undefined,
    reject: () => undefined,
  };
  const answer = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const load = () => {
    started += 1;
    return answer;
  };
  return {
    load,
    started: () => started,
    resolve: (value: T) => settle.resolve(value),
    reject: (error: Error) => settle.reject(error),
  };
}

let cache: SharedCache;
beforeEach(() => {
  cache = new SharedCache({ metadataTtlSeconds: 60, resultTtlSeconds: 60 });
});
afterEach(() => cache.close());

test('concurrent refreshes of one key share one load, and the fresh answer is stored', async () => {
  await cache.getOrLoad('result', ['k'], async () => 'old');
  const held = heldLoad<string>();
  const refreshes = Array.from({ length: 5 }, () => cache.getOrLoad('result', ['k'], held.load, { refresh: true }));
  await new Promise(setImmediate);
  held.resolve('fresh');
  const outcomes = await Promise.all(refreshes);
  expect(held.started()).toBe(1);
  expect(outcomes.map((o) => o.value)).toEqual(['fresh', 'fresh', 'fresh', 'fresh', 'fresh']);
  expect(outcomes.filter((o) => !o.hit)).toHaveLength(1);
  expect(await cache.peek('result', ['k'])).toBe('fresh');
});

test('a refresh of another key, or a later one, loads on its own', async () => {
  const loads: string[] = [];
  const load = (value: string) => async () => {
    loads.push(value);
    return value;
  };
  await Promise.all([
    cache.getOrLoad('result', ['a'], load('a'), { refresh: true }),
    cache.getOrLoad('result', ['b'], load('b'), { refresh: true }),
  ]);
  await cache.getOrLoad('result', ['a'], load('a again'), { refresh: true });
  expect(loads).toEqual(['a', 'b', 'a again']);
});

test('when the shared load fails, its own caller gets the failure and a joiner takes its own turn', async () => {
  const first = heldLoad<string>();
  const second = heldLoad<string>();
  const leader = cache.getOrLoad('result', ['k'], first.load, { refresh: true });
  const joiner = cache.getOrLoad('result', ['k'], second.load, { refresh: true });
  await new Promise(setImmediate);
  expect(second.started()).toBe(0);
  first.reject(new Error('this caller used its share'));
  await expect(leader).rejects.toThrow('this caller used its share');
  await new Promise(setImmediate);
  expect(second.started()).toBe(1);
  second.resolve('fresh');
  await expect(joiner).resolves.toEqual({ value: 'fresh', hit: false });
});
