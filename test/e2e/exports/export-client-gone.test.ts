import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * A download whose client goes away stops its Looker work: Looker answers the export's run 503
 * with `Retry-After: 3`, the client leaves while the subgraph waits to retry, and no retry is sent.
 */
let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack();
});

afterAll(() => stack?.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The export's runs (`run_query`) the emulator counted. */
const runCount = async () =>
  (await stack.lookerStats()).byRoute['GET /api/4.0/queries/:query_id/run/:result_format'] ?? 0;

test('a download whose client went away sends no further Looker call', async () => {
  const analyst = await stack.token('demo-analyst');
  const minted = await stack.graphql('{ look(id: "2") { exportUrl(format: CSV) } }', { token: analyst });
  const url = (minted.body.data?.look as { exportUrl: string }).exportUrl;
  await stack.resetLookerStats();
  await stack.control('faults', { route: 'GET /queries/{query_id}/run/{result_format}', status: 503, retryAfter: 3 });

  const gone = new AbortController();
  const answered = fetch(new URL(url, stack.url), {
    headers: { authorization: `Bearer ${analyst}` },
    signal: gone.signal,
  }).catch((error: unknown) => error);
  for (let i = 0; i < 100 && (await runCount()) === 0; i += 1) await pause(100);
  expect(await runCount()).toBe(1);
  gone.abort();
  await answered;

  // The retry would come 3 s after the first answer: read the counter past it.
  for (let i = 0; i < 15; i += 1) {
    await pause(300);
    expect(await runCount()).toBe(1);
  }
  await stack.control('faults', undefined, 'DELETE');
});
