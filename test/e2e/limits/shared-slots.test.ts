import { createRedisLink } from '../../../src/cache';
import { LookerAdmission } from '../../../src/limits/looker-admission';
import { SharedSubjectSlots } from '../../../src/limits/shared-subject-slots';
import { captureLogger } from '../../support/log-capture';
import { startRedisServer, type RedisServer } from '../../support/redis-server';

/** The slots of one caller across replicas, leased in a real Redis (short leases, to see renewal). */
let redis: RedisServer;
const timings = { leaseMs: 600, renewMs: 100, retryMs: 20 };

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(() => redis?.stop());

/** A replica's Redis link, as the server makes it. */
async function link() {
  const client = createRedisLink(redis.url, captureLogger().logger, 3_000);
  await new Promise<void>((resolve) => (client.status === 'ready' ? resolve() : client.once('ready', () => resolve())));
  return client;
}

test('two replicas share a caller’s slots: the third call waits until one is released', async () => {
  const [a, b] = await Promise.all([link(), link()]);
  try {
    const onA = new SharedSubjectSlots(a, 2, timings);
    const onB = new SharedSubjectSlots(b, 2, timings);
    const first = await onA.acquire('caller', 'query', undefined);
    const second = await onB.acquire('caller', 'query', undefined);
    // Held past several lease lengths: renewal keeps both slots taken.
    let thirdAcquired = false;
    const third = onB.acquire('caller', 'query', undefined).then((release) => {
      thirdAcquired = true;
      return release;
    });
    // Another caller and another lane are not affected.
    (await onB.acquire('someone-else', 'query', undefined))();
    (await onA.acquire('caller', 'metadata', undefined))();
    await new Promise((resolve) => setTimeout(resolve, 3 * timings.leaseMs));
    expect(thirdAcquired).toBe(false);
    first();
    (await third)();
    second();
  } finally {
    a.disconnect();
    b.disconnect();
  }
});

test('a wait for a slot ends when the call’s deadline aborts it, with the deadline’s reason', async () => {
  const client = await link();
  try {
    const slots = new SharedSubjectSlots(client, 1, timings);
    const held = await slots.acquire('busy-caller', 'query', undefined);
    const deadline = new AbortController();
    const waiting = slots.acquire('busy-caller', 'query', deadline.signal);
    deadline.abort(new DOMException('run_query passed its deadline', 'TimeoutError'));
    await expect(waiting).rejects.toThrow('run_query passed its deadline');
    held();
  } finally {
    client.disconnect();
  }
});

test('Redis dying while a slot is held neither fails the call nor the process; a new call goes on without it', async () => {
  const client = await link();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const slots = new SharedSubjectSlots(client, 1, timings);
    const held = await slots.acquire('caller-during-outage', 'query', undefined);
    await redis.kill();
    // Several renewals fail while Redis is away.
    await new Promise((resolve) => setTimeout(resolve, 5 * timings.renewMs));
    held();
    // With Redis gone, a call is not held back (its replica's own bound still applies).
    (await slots.acquire('caller-during-outage', 'query', undefined))();
    await new Promise((resolve) => setTimeout(resolve, 2 * timings.renewMs));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    client.disconnect();
    await redis.start();
  }
});

test('a call waiting for its caller’s slot on another replica shows as queued there, holding no slot of the lane', async () => {
  const [a, b] = await Promise.all([link(), link()]);
  const fairness = { metadataConcurrency: 4, perSubjectConcurrency: 1, perSubjectQueue: 4, perSubjectPerMinute: 0, breakerErrorPercent: 50, breakerResetMs: 1_000 };
  const onA = new LookerAdmission({ ...fairness, maxConcurrency: 4, redis: a });
  const onB = new LookerAdmission({ ...fairness, maxConcurrency: 4, redis: b });
  const hooks = { abort: () => undefined, isOutage: () => false };
  try {
    let finishOnA: (value: string) => void = () => undefined;
    const runningOnA = onA.gate('queued-caller').run('query', 'run_query', () => new Promise<string>((resolve) => (finishOnA = resolve)), hooks);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(onA.slots().query).toEqual({ inUse: 1, queued: 0 });
    let ranOnB = false;
    const waitingOnB = onB.gate('queued-caller').run(
      'query',
      'run_query',
      async () => {
        ranOnB = true;
        return 'answer on B';
      },
      hooks,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ranOnB).toBe(false);
    expect(onB.slots().query).toEqual({ inUse: 0, queued: 1 });
    finishOnA('answer on A');
    await expect(runningOnA).resolves.toBe('answer on A');
    await expect(waitingOnB).resolves.toBe('answer on B');
    expect(onB.slots().query).toEqual({ inUse: 0, queued: 0 });
  } finally {
    onA.close();
    onB.close();
    a.disconnect();
    b.disconnect();
  }
});
