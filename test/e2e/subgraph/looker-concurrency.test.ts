import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack({
    lookerTimeoutMs: 3_000,
    env: { LOOKER_MAX_CONCURRENCY: '2' },
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
});

afterAll(() => stack?.stop());

test('Looker never sees more calls at once than LOOKER_MAX_CONCURRENCY, across requests', async () => {
  const token = await stack.token('demo-analyst');
  await stack.graphql('{ look(id: "1") { id } }', { token });
  // Every query run (saved, or inline for tiles with dashboard filters) hangs until its deadline,
  // so the calls in flight can be counted on Looker's side.
  await stack.control('faults', {
    route: 'GET /queries/:query_id/run/:result_format',
    status: 503,
    hang: true,
    count: 100,
  });
  await stack.control('faults', { route: 'POST /queries/run/:result_format', status: 503, hang: true, count: 100 });
  const requests = ['1', '2', '3'].map((id) =>
    stack.graphql(`{ dashboard(id: "${id}") { tiles { result { rowCount } } } }`, { token }),
  );
  await stack.emulator.control.waitForHang();
  await stack.emulator.control.waitForHang();
  let most = 0;
  // Sample while the calls sit at Looker (deadline 3 s): the third must still be queued here.
  for (let i = 0; i < 20; i += 1) {
    most = Math.max(most, stack.emulator.control.hangingCount);
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(most).toBe(2);
  const answers = await Promise.all(requests);
  await stack.control('faults', undefined, 'DELETE');
  // What could not run before its deadline (queued calls included) failed typed, nothing else.
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    expect(new Set((answer.body.errors ?? []).map((e) => e.extensions?.code))).toEqual(new Set(['LOOKER_UNAVAILABLE']));
  }
});
