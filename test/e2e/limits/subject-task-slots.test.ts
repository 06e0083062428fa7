// needs: redis-server
import { createRedisLink, redisKeys } from '../../../src/cache';
import { cacheKey } from '../../../src/cache/cache-key';
import { SubjectTaskSlots } from '../../../src/limits';
import { captureLogger } from '../../support/log-capture';
import { startRedisServer, type RedisServer } from '../../support/redis-server';

/** Each caller's query task slots, counted in a real Redis across replicas, and per replica without it. */
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(() => redis?.stop());

/** A replica's Redis link, as the server makes it. */
async function link(logger = captureLogger().logger) {
  const client = createRedisLink(redis.url, logger, 3_000);
  await new Promise<void>((resolve) => (client.status === 'ready' ? resolve() : client.once('ready', () => resolve())));
  return client;
}

const taskKey = (subject: string) => `${redisKeys.tasks}:${cacheKey(['tasks', subject])}`;

test("two replicas share a caller's task slots; other callers have their own; a release frees one, once", async () => {
  const [a, b, admin] = await Promise.all([link(), link(), link()]);
  const onA = new SubjectTaskSlots({ perSubject: 2, leaseMs: 60_000, redis: a });
  const onB = new SubjectTaskSlots({ perSubject: 2, leaseMs: 60_000, redis: b });
  try {
    const first = await onA.take('shared-caller');
    const second = await onB.take('shared-caller');
    expect([first, second]).toEqual([expect.any(Function), expect.any(Function)]);
    expect(await onA.take('shared-caller')).toBeUndefined();
    expect(await onB.take('shared-caller')).toBeUndefined();
    expect(await onB.take('another-caller')).toEqual(expect.any(Function));
    expect(await admin.zcard(taskKey('shared-caller'))).toBe(2);
    // Leases expire on their own past the tasks' deadline.
    expect(await admin.pttl(taskKey('shared-caller'))).toBeGreaterThan(0);

    first?.();
    first?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await admin.zcard(taskKey('shared-caller'))).toBe(1);
    expect(await onB.take('shared-caller')).toEqual(expect.any(Function));
    expect(await onA.take('shared-caller')).toBeUndefined();
  } finally {
    await Promise.all([onA.close(), onB.close()]);
    a.disconnect();
    b.disconnect();
  }
  try {
    // Closing gave every lease back.
    expect(await admin.zcard(taskKey('shared-caller'))).toBe(0);
  } finally {
    admin.disconnect();
  }
});

test('Redis unreachable: each replica still caps its callers on its own', async () => {
  const client = await link();
  const slots = new SubjectTaskSlots({ perSubject: 2, leaseMs: 60_000, redis: client });
  try {
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await slots.take('caller-without-redis')).toEqual(expect.any(Function));
    const second = await slots.take('caller-without-redis');
    expect(second).toEqual(expect.any(Function));
    expect(await slots.take('caller-without-redis')).toBeUndefined();
    second?.();
    expect(await slots.take('caller-without-redis')).toEqual(expect.any(Function));
    expect(await slots.take('caller-without-redis')).toBeUndefined();
  } finally {
    await slots.close();
    client.disconnect();
    await redis.start();
  }
});
