// needs: redis-server
import type { Redis } from 'ioredis';
import { contentTags, createRedisLink, redisKeys, redisLinkSettled, SharedCache } from '../../../src/cache';
import { startRedisServer, type RedisServer } from '../../support/redis-server';

/**
 * A write's eviction reaches every replica: two caches (two replicas) over one real Redis, both
 * with the answers in their own memory. Evicting a tag on one makes the other load anew what was
 * filed under it, and only that; with Redis down, the eviction still holds where it was made.
 */
let redis: RedisServer;
const quietLog = { warn: () => undefined, info: () => undefined };
const opened: { cache: SharedCache; link: Redis }[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});

afterEach(async () => {
  for (const { cache, link } of opened.splice(0)) {
    await cache.close();
    const open = link.status === 'ready';
    const ended = new Promise((resolve) => link.once('end', resolve));
    link.disconnect();
    if (open) await ended;
  }
});

afterAll(() => redis?.stop());

/** A replica's cache on its own Redis link, subscribed (so it hears the others' messages) before it is returned. */
async function replicaCache(): Promise<SharedCache> {
  const link = createRedisLink(redis.url, quietLog, 3_000);
  await redisLinkSettled(link);
  const cache = new SharedCache({ metadataTtlSeconds: 300, resultTtlSeconds: 60, redis: link });
  opened.push({ cache, link });
  await subscribed();
  return cache;
}

/** Waits until the replicas' subscribers listen on the eviction channel. */
async function subscribed(): Promise<void> {
  const admin = createRedisLink(redis.url, quietLog, 3_000);
  try {
    await redisLinkSettled(admin);
    const listening = async () =>
      ((await admin.call('PUBSUB', 'NUMSUB', redisKeys.evictChannel)) as [string, number])[1] >= opened.length;
    const by = Date.now() + 5_000;
    while (!(await listening()) && Date.now() < by) await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    admin.disconnect();
  }
}

/** A load that counts its runs and answers `value` (and the run's number). */
function counted(value: string) {
  let runs = 0;
  return {
    load: async () => `${value} #${(runs += 1)}`,
    runs: () => runs,
  };
}

/** Asks `cache` until `done` says so (a message crosses Redis a moment later), for at most 5 s. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  const by = Date.now() + 5_000;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > by) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('evict on replica A: B loads anew what was filed under the tag, keeps the rest; pages of looks too', async () => {
  const a = await replicaCache();
  const b = await replicaCache();
  const look1 = counted('look 1');
  const look2 = counted('look 2');
  const page = counted('page of looks');
  const dashboard = counted('dashboard 1');
  const read = (cache: SharedCache) =>
    Promise.all([
      cache.getOrLoad('metadata', ['identity', 'look', '1'], look1.load, { tags: [contentTags.look('1')] }),
      cache.getOrLoad('metadata', ['identity', 'look', '2'], look2.load, { tags: [contentTags.look('2')] }),
      cache.getOrLoad('metadata', ['identity', 'search_looks_page', {}], page.load, { tags: [contentTags.looks] }),
      // Tags read off the answer: the dashboard whose tile shows look 1.
      cache.getOrLoad('metadata', ['identity', 'dashboard', '1'], dashboard.load, {
        tags: [contentTags.dashboard('1')],
        tagsOf: () => [contentTags.look('1')],
      }),
    ]);
  // Warm: A loads, B serves A's answers from Redis, and both then keep them in memory.
  await read(a);
  await read(b);
  expect((await read(b)).map((o) => o.hit)).toEqual([true, true, true, true]);
  expect([look1.runs(), look2.runs(), page.runs(), dashboard.runs()]).toEqual([1, 1, 1, 1]);

  await a.evict([contentTags.look('1'), contentTags.looks]);

  // B hears it through Redis: its next read of look 1 loads anew (its memory would serve the old answer for days).
  expect(
    await eventually(async () => {
      const [one] = await read(b);
      return one.value === 'look 1 #2';
    }),
  ).toBe(true);
  const [one, two, listed, board] = await read(b);
  expect(one).toEqual({ value: 'look 1 #2', hit: true });
  expect(two).toEqual({ value: 'look 2 #1', hit: true });
  expect(listed).toEqual({ value: 'page of looks #2', hit: true });
  expect(board).toEqual({ value: 'dashboard 1 #2', hit: true });
  expect([look1.runs(), look2.runs(), page.runs(), dashboard.runs()]).toEqual([2, 1, 2, 2]);
  // A no longer serves its own old copies either. (Finding its copy of look 1 evicted, it expires the
  // key in Redis too, B's fresh answer included, so it loads once more itself: a cost of the
  // eviction, not a stale answer.)
  const onA = await read(a);
  expect(onA.map((o) => o.value)).not.toContain('look 1 #1');
  expect(onA.map((o) => o.value)).not.toContain('page of looks #1');
  expect(onA.map((o) => o.value)).not.toContain('dashboard 1 #1');
  expect(onA[1]).toEqual({ value: 'look 2 #1', hit: true });
  expect(look2.runs()).toBe(1);
});

test('evict on A for an answer B loaded itself: B reads it anew from Looker, not from its memory', async () => {
  const a = await replicaCache();
  const b = await replicaCache();
  const look = counted('look 3');
  const tags = [contentTags.look('3')];
  // Each replica has its own copy in memory, and has read the tag's state into memory too.
  await b.getOrLoad('metadata', ['identity', 'look', '3'], look.load, { tags });
  await a.getOrLoad('metadata', ['identity', 'look', '3'], look.load, { tags });
  expect(look.runs()).toBe(1);
  // A hit checks the tag: B now holds the tag's state (never evicted) in memory.
  expect(await b.getOrLoad('metadata', ['identity', 'look', '3'], look.load, { tags })).toEqual({
    value: 'look 3 #1',
    hit: true,
  });

  await a.evict(tags);
  expect((await a.getOrLoad('metadata', ['identity', 'look', '3'], look.load, { tags })).value).toBe('look 3 #2');
  // Without the message B would keep its old copy: its memory holds the tag as never evicted.
  expect(
    await eventually(
      async () => (await b.getOrLoad('metadata', ['identity', 'look', '3'], look.load, { tags })).value !== 'look 3 #1',
    ),
  ).toBe(true);
});

test('tags are kept by store and refresh as by a load, and peek misses an evicted answer', async () => {
  const a = await replicaCache();
  await a.store('metadata', ['identity', 'folder', '4'], 'folder 4', { tags: [contentTags.folder('4')] });
  const refreshed = await a.getOrLoad('metadata', ['identity', 'folder', '5'], async () => 'folder 5', {
    refresh: true,
    tags: [contentTags.folder('5')],
  });
  expect(refreshed).toEqual({ value: 'folder 5', hit: false });
  expect(await a.peek('metadata', ['identity', 'folder', '4'])).toBe('folder 4');
  await a.evict([contentTags.folder('4'), contentTags.folder('5')]);
  expect(await a.peek('metadata', ['identity', 'folder', '4'])).toBeUndefined();
  expect(await a.peek('metadata', ['identity', 'folder', '5'])).toBeUndefined();
});

test('Redis stopped: evict resolves, and the eviction holds on the replica that made it', async () => {
  const a = await replicaCache();
  const look = counted('look 6');
  const tags = [contentTags.look('6')];
  await a.getOrLoad('metadata', ['identity', 'look', '6'], look.load, { tags });
  await redis.kill();
  try {
    await expect(a.evict(tags)).resolves.toBeUndefined();
    const after = await a.getOrLoad('metadata', ['identity', 'look', '6'], look.load, { tags });
    expect(after).toEqual({ value: 'look 6 #2', hit: false });
    // And it stays evicted only until then: the fresh answer is served from memory again.
    expect(await a.getOrLoad('metadata', ['identity', 'look', '6'], look.load, { tags })).toEqual({
      value: 'look 6 #2',
      hit: true,
    });
  } finally {
    await redis.start();
    // Back on its links before it closes them (a link closed between attempts leaves a timer behind).
    await subscribed();
  }
});
