import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * While Looker is failing, calls fail fast instead of queueing behind stuck ones; calls stuck in
 * it free their slots as soon as the breaker opens; after Looker recovers, service returns with
 * the first probe, not when the stuck calls' deadlines pass.
 */
let stack: SubgraphStack;
let token: string;

beforeAll(async () => {
  stack = await startSubgraphStack({
    // A deadline beyond jest's own 60 s timeout: only the breaker can end a stuck call in time.
    lookerTimeoutMs: 120_000,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    // Long enough that a loaded machine still checks the open breaker before it lets a probe through
    // (with 2 s, a slow run saw the half-open probe reach Looker); recovery below waits for it.
    env: { LOOKER_SUBJECT_CONCURRENCY: '30', LOOKER_BREAKER_RESET_SECONDS: '8' },
  });
  token = await stack.token('demo-analyst');
});

afterAll(() => stack?.stop());

const runRoute = 'GET /queries/:query_id/run/:result_format';

test('failing query runs open the breaker: stuck runs are freed, later runs fail fast, recovery resumes service', async () => {
  await stack.graphql('{ look(id: "1") { id } }', { token });
  // (The emulator's stats reset clears faults too: counts below are read as differences.)
  await stack.control('faults', { route: runRoute, status: 503, hang: true, count: 2 });
  await stack.control('faults', { route: runRoute, status: 503, count: 1000 });
  const stuck = stack.graphql('{ looks(first: 2) { nodes { result(limit: 1) { rowCount } } } }', { token });
  await stack.emulator.control.waitForHang();
  await stack.emulator.control.waitForHang();
  // Twelve distinct runs answered 503: enough failures for the breaker to open.
  const failing = await stack.graphql(
    '{ looks(first: 12, after: "b2Zmc2V0OjE") { nodes { result(limit: 1) { rowCount } } } }',
    { token },
  );
  expect(new Set((failing.body.errors ?? []).map((e) => e.extensions?.code))).toEqual(new Set(['LOOKER_UNAVAILABLE']));
  // The two stuck runs were aborted when it opened, long before their 120 s deadline (jest gives up at 60 s).
  const freed = await stuck;
  expect(new Set((freed.body.errors ?? []).map((e) => e.extensions?.code))).toEqual(new Set(['LOOKER_UNAVAILABLE']));
  // Looker sees both connections close (the emulator notices a closed socket a moment later; give a
  // loaded machine up to 10 s). This wait stays before the count below: the runs aborted in transit
  // when the breaker opened land in the emulator's stats by then, and would otherwise count as
  // reaching Looker while the breaker is open.
  const closedBy = Date.now() + 10_000;
  while (stack.emulator.control.hangingCount > 0 && Date.now() < closedBy)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(stack.emulator.control.hangingCount).toBe(0);
  // While open, runs fail fast without reaching Looker. The count is read once it has settled
  // (unchanged over 200 ms): requests cut off mid-send may land in the emulator's stats late.
  const runs = async (): Promise<number> =>
    (await stack.lookerStats()).byRoute['GET /api/4.0/queries/:query_id/run/:result_format'] ?? 0;
  let before = await runs();
  for (let settled = false, tries = 0; !settled && tries < 25; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await runs();
    settled = again === before;
    before = again;
  }
  const fast = await stack.graphql('{ look(id: "3") { result(limit: 1) { rowCount } } }', { token });
  expect(fast.body.errors?.[0]?.message).toMatch(/calls are paused/);
  expect(await runs()).toBe(before);
  // Metadata has a breaker of its own and is still served.
  const metadata = await stack.graphql('{ look(id: "3") { title } }', { token });
  expect(metadata.body.errors).toBeUndefined();
  // Looker recovers: the breaker's next probe succeeds and service resumes.
  await stack.control('faults', undefined, 'DELETE');
  let recovered = false;
  const giveUp = Date.now() + 40_000;
  while (!recovered && Date.now() < giveUp) {
    const answer = await stack.graphql('{ look(id: "3") { result(limit: 1) { rowCount } } }', { token });
    recovered = answer.body.errors === undefined;
    if (!recovered) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(recovered).toBe(true);
});
