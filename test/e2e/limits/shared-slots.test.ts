// needs: redis-server
import { Redis } from 'ioredis';
import { createRedisLink, redisKeys } from '../../../src/cache';
import { cacheKey } from '../../../src/cache/cache-key';
import { LookerAdmission } from '../../../src/limits/looker-admission';
import { SharedSubjectSlots } from '../../../src/limits/shared-subject-slots';
import { LookerError } from '../../../src/looker/errors';
import { captureLogger } from '../../support/log-capture';
import { startRedisServer, type RedisServer } from '../../support/redis-server';

/**
 * The slots of one caller across replicas, leased in a real Redis (short leases, to see renewal;
 * long enough that a loaded machine's pauses do not let them expire).
 */
let redis: RedisServer;
let admin: Redis;
const timings = { leaseMs: 1_500, renewMs: 150, retryMs: 20 };

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url);
});

afterAll(async () => {
  admin?.disconnect();
  await redis?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (failing the test after 10 s). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  const by = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > by) throw new Error('condition not reached in 10 s');
    await sleep(10);
  }
}

/** A replica's Redis link, as the server makes it. */
async function link(commandTimeoutMs = 3_000) {
  const client = createRedisLink(redis.url, captureLogger().logger, commandTimeoutMs);
  await new Promise<void>((resolve) => (client.status === 'ready' ? resolve() : client.once('ready', () => resolve())));
  return client;
}

/** The key of a caller's slots in a lane, as the service names it. */
const slotKey = (subject: string, lane: string) => `${redisKeys.slots}:${cacheKey(['slots', subject, lane])}`;

test('two replicas share a caller’s slots: the third call waits until one is released', async () => {
  const [a, b] = await Promise.all([link(), link()]);
  try {
    const onA = new SharedSubjectSlots(a, 2, undefined, undefined, timings);
    const onB = new SharedSubjectSlots(b, 2, undefined, undefined, timings);
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
    await sleep(3 * timings.leaseMs);
    expect(thirdAcquired).toBe(false);
    first();
    (await third)();
    second();
    await until(async () => (await admin.zcard(slotKey('caller', 'query'))) === 0);
  } finally {
    a.disconnect();
    b.disconnect();
  }
});

test('a wait for a slot ends when the call’s deadline aborts it, with the deadline’s reason', async () => {
  const client = await link();
  try {
    const slots = new SharedSubjectSlots(client, 1, undefined, undefined, timings);
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

test('a caller’s calls waiting on one replica poll Redis one at a time, however many wait', async () => {
  const [a, b] = await Promise.all([link(), link()]);
  try {
    const onA = new SharedSubjectSlots(a, 1, undefined, undefined, timings);
    const onB = new SharedSubjectSlots(b, 1, undefined, undefined, timings);
    const held = await onA.acquire('patient-caller', 'query', undefined);
    const waiting = Array.from({ length: 8 }, () => onB.acquire('patient-caller', 'query', undefined));
    await sleep(200);
    const evalshaCalls = async () =>
      Number(/cmdstat_evalsha:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
    const before = await evalshaCalls();
    await sleep(1_000);
    const polls = (await evalshaCalls()) - before;
    // One poller asks about 1,000 / retryMs = 50 times a second (fewer on a busy machine), plus a
    // few renewals of A's lease; eight would ask about 400 times.
    expect(polls).toBeLessThan(100);
    held();
    // Each waiting call gets the slot in turn.
    for (const next of waiting) (await next)();
  } finally {
    a.disconnect();
    b.disconnect();
  }
});

test('a take that Redis runs after this side gave up on it is undone, and the fallback is logged once', async () => {
  // A command timeout far shorter than the pause below.
  const client = await link(100);
  try {
    const log = captureLogger();
    const slots = new SharedSubjectSlots(client, 2, log.logger, undefined, timings);
    // Redis knows the take's script (a first take loads it), so a take sent now runs as it arrives.
    (await slots.acquire('caller-of-a-slow-redis', 'query', undefined))();
    // A script that keeps Redis busy for 500 ms: the take times out here, then runs in Redis.
    const busy = admin.eval(
      "local t = redis.call('TIME') local start = t[1] * 1000 + t[2] / 1000 while true do t = redis.call('TIME') if t[1] * 1000 + t[2] / 1000 - start > 500 then break end end return 1",
      0,
    );
    await sleep(50);
    // Two calls meanwhile: each goes on without a slot (their takes time out here).
    (await slots.acquire('caller-of-a-slow-redis', 'query', undefined))();
    (await slots.acquire('caller-of-a-slow-redis', 'query', undefined))();
    await busy;
    // A command on the same link runs after everything it sent before: both takes ran in Redis
    // after the pause, and each was undone right after (a lease left behind would stay 1.5 s).
    await client.ping();
    expect(await admin.zcard(slotKey('caller-of-a-slow-redis', 'query'))).toBe(0);
    expect(log.lines.filter((line) => line.includes('caller slots could not be taken in Redis'))).toHaveLength(1);
    // Redis answers in time again: the next call takes a slot, and the log says so.
    (await slots.acquire('caller-of-a-slow-redis', 'query', undefined))();
    expect(log.lines.filter((line) => line.includes('caller slots in Redis work again'))).toHaveLength(1);
  } finally {
    client.disconnect();
  }
});

test('a release lost while the link was down is sent again when it is back', async () => {
  const client = await link();
  try {
    const slots = new SharedSubjectSlots(client, 2, undefined, undefined, timings);
    const release = await slots.acquire('caller-of-a-dropped-link', 'query', undefined);
    // The connection drops (Redis itself keeps running, and keeps the lease).
    const id = Number(await client.client('ID'));
    const dropped = new Promise((resolve) => client.once('close', resolve));
    await admin.client('KILL', 'ID', String(id));
    await dropped;
    release();
    expect(await admin.zcard(slotKey('caller-of-a-dropped-link', 'query'))).toBe(1);
    await new Promise((resolve) => client.once('ready', resolve));
    await client.ping();
    expect(await admin.zcard(slotKey('caller-of-a-dropped-link', 'query'))).toBe(0);
  } finally {
    client.disconnect();
  }
});

test('closing gives back the held slots, and a call still waiting goes on with the replica’s own bound', async () => {
  const [a, b] = await Promise.all([link(), link()]);
  try {
    const onA = new SharedSubjectSlots(a, 1, undefined, undefined, timings);
    const onB = new SharedSubjectSlots(b, 1, undefined, undefined, timings);
    await onA.acquire('caller-at-shutdown', 'query', undefined);
    const waitingOnA = onA.acquire('caller-at-shutdown', 'query', undefined);
    await onA.close();
    await expect(waitingOnA).resolves.toEqual(expect.any(Function));
    expect(await admin.zcard(slotKey('caller-at-shutdown', 'query'))).toBe(0);
    // The slot A gave back is free for the caller's calls on B at once.
    (await onB.acquire('caller-at-shutdown', 'query', undefined))();
  } finally {
    a.disconnect();
    b.disconnect();
  }
});

test('Redis dying while a slot is held neither fails the call nor the process; a new call goes on without it', async () => {
  // A rejection escaping the renewal timer would fail this test (jest fails the running test on an
  // unhandled rejection); the library's own renewal lets one escape.
  const client = await link();
  try {
    const slots = new SharedSubjectSlots(client, 1, undefined, undefined, timings);
    const held = await slots.acquire('caller-during-outage', 'query', undefined);
    await redis.kill();
    // Several renewals fail while Redis is away.
    await sleep(5 * timings.renewMs);
    held();
    // With Redis gone, a call is not held back (its replica's own bound still applies).
    (await slots.acquire('caller-during-outage', 'query', undefined))();
    await sleep(2 * timings.renewMs);
  } finally {
    client.disconnect();
    await redis.start();
  }
});

test('a call waiting for its caller’s slot on another replica shows as queued there; past its deadline it is LOOKER_RATE_LIMITED', async () => {
  const [a, b] = await Promise.all([link(), link()]);
  const fairness = {
    metadataConcurrency: 4,
    perSubjectConcurrency: 1,
    perSubjectQueue: 4,
    perSubjectPerMinute: 0,
    perSubjectRefreshesPerMinute: 0,
    perClientPerMinute: 0,
    breakerErrorPercent: 50,
    breakerResetMs: 1_000,
  };
  const onA = new LookerAdmission({ ...fairness, maxConcurrency: 4, redis: a });
  const onB = new LookerAdmission({ ...fairness, maxConcurrency: 4, redis: b });
  const hooks = { abort: () => undefined, isOutage: () => false };
  try {
    let finishOnA: (value: string) => void = () => undefined;
    const runningOnA = onA
      .forCaller('queued-caller')
      .run('query', 'run_query', () => new Promise<string>((resolve) => (finishOnA = resolve)), hooks);
    await until(() => onA.slots().query.inUse === 1);
    let ranOnB = false;
    const attemptOnB = async () => {
      ranOnB = true;
      return 'answer on B';
    };
    // A call on B whose deadline passes while it waits: the caller's share is the cause, not Looker.
    const deadline = new AbortController();
    const timingOut = onB
      .forCaller('queued-caller')
      .run('query', 'run_query', attemptOnB, { ...hooks, signal: deadline.signal });
    await until(() => onB.slots().query.queued === 1);
    expect(onB.slots().query.inUse).toBe(0);
    deadline.abort(new DOMException('run_query passed its deadline', 'TimeoutError'));
    await expect(timingOut).rejects.toBeInstanceOf(LookerError);
    await expect(timingOut).rejects.toEqual(expect.objectContaining({ code: 'LOOKER_RATE_LIMITED' }));
    expect(ranOnB).toBe(false);
    // Another waits, and runs once A's call has finished.
    const waitingOnB = onB.forCaller('queued-caller').run('query', 'run_query', attemptOnB, hooks);
    await until(() => onB.slots().query.queued === 1);
    finishOnA('answer on A');
    await expect(runningOnA).resolves.toBe('answer on A');
    await expect(waitingOnB).resolves.toBe('answer on B');
    expect(onB.slots().query).toEqual({ inUse: 0, queued: 0 });
  } finally {
    await onA.close();
    await onB.close();
    a.disconnect();
    b.disconnect();
  }
});
