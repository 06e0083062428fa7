import { startSubgraphStack, testAudience, type GraphQLAnswer, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * `refresh: true` costs an uncached Looker run, so it is bounded on its own: concurrent identical
 * refreshes share one run, each caller has a small per-minute refresh rate, and the callers of one
 * OAuth client share that client's rate however many subjects it mints.
 */
let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack({
    env: {
      CACHE_METADATA_TTL: '300',
      CACHE_RESULT_TTL: '60',
      LOOKER_SUBJECT_REFRESH_RATE: '10',
      LOOKER_CLIENT_RATE: '20',
    },
  });
});

afterAll(() => stack?.stop());

beforeEach(() => stack.resetLookerStats());

const now = () => Math.floor(Date.now() / 1000);
const tokenOf = (sub: string, clientId?: string) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub,
    scope: 'looker:content:read looker:data:read',
    exp: now() + 600,
    ...(clientId === undefined ? {} : { client_id: clientId }),
  });
const runs = (byRoute: Record<string, number>) =>
  Object.entries(byRoute)
    .filter(([route]) => route.includes('/run/'))
    .reduce((sum, [, n]) => sum + n, 0);
const rateLimited = (answers: readonly GraphQLAnswer[]) =>
  answers.flatMap((a) => a.body.errors ?? []).filter((e) => e.extensions?.code === 'LOOKER_RATE_LIMITED');
/** One look's result under `count` aliases, each a distinct refresh (its own row limit). */
const aliasedRefreshes = (lookId: string, count: number) =>
  `{ look(id: "${lookId}") { ${Array.from({ length: count }, (_, i) => `a${i + 1}: result(limit: ${i + 1}, refresh: true) { rowCount }`).join(' ')} } }`;

test('50 concurrent identical refreshes share one Looker run, and every caller gets the fresh result', async () => {
  const token = await tokenOf('refreshes-one-look');
  // Warm the look's metadata, so the 50 requests reach the result together.
  expect((await stack.graphql('{ look(id: "1") { id } }', { token })).body.errors).toBeUndefined();
  await stack.resetLookerStats();
  // A run long enough for all 50 to arrive while it is in flight.
  stack.emulator.control.setQueryTime({ ms: 1500, route: 'GET /queries/:query_id/run/:result_format' });
  try {
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        stack.graphql('{ look(id: "1") { result(refresh: true) { rowCount } } }', { token }),
      ),
    );
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
    const rowCounts = new Set(
      answers.map((a) => (a.body.data as { look: { result: { rowCount: number } } }).look.result.rowCount),
    );
    expect(rowCounts.size).toBe(1);
    expect(runs((await stack.lookerStats()).byRoute)).toBe(1);
    // The one run bypassed Looker's own cache.
    const requests = stack.emulator.control.requests().filter((r) => r.path.includes('/run/'));
    expect(requests.map((r) => r.cache)).toEqual(['false']);
  } finally {
    stack.emulator.control.clearQueryTime();
  }
}, 120_000);

test('30 distinct refreshes in one operation: the caller’s refresh rate runs, the rest are refused naming it', async () => {
  const token = await tokenOf('refreshes-thirty-aliases');
  const answer = await stack.graphql(aliasedRefreshes('2', 30), { token });
  expect(runs((await stack.lookerStats()).byRoute)).toBe(10);
  const refused = rateLimited([answer]);
  expect(refused).toHaveLength(20);
  expect(refused[0]?.message).toMatch(/refreshes \(10 a minute\); retry in \d+ s/);
  const served = Object.values((answer.body.data as { look: Record<string, unknown> }).look).filter((r) => r !== null);
  expect(served).toHaveLength(10);
  // Only refreshing is held back: the same caller still reads results, and another caller refreshes.
  const read = await stack.graphql('{ look(id: "2") { result(limit: 3) { rowCount } } }', { token });
  expect(read.body.errors).toBeUndefined();
  const other = await stack.graphql('{ look(id: "2") { result(limit: 3, refresh: true) { rowCount } } }', {
    token: await tokenOf('refreshes-calmly'),
  });
  expect(other.body.errors).toBeUndefined();
});

test('three subjects of one OAuth client share the client’s rate: their Looker calls together stay within it', async () => {
  const subjects = await Promise.all(
    ['minted-1', 'minted-2', 'minted-3'].map((sub) => tokenOf(sub, 'subject-minting-client')),
  );
  const answers: GraphQLAnswer[] = [];
  // Nine distinct refreshes each (within each subject's refresh rate of 10), on distinct looks.
  for (const [i, token] of subjects.entries())
    answers.push(await stack.graphql(aliasedRefreshes(String(i + 3), 9), { token }));
  const stats = await stack.lookerStats();
  const lookerCalls = Object.entries(stats.byRoute)
    .filter(([route]) => !route.endsWith('/login'))
    .reduce((sum, [, n]) => sum + n, 0);
  expect(lookerCalls).toBeLessThanOrEqual(20);
  const refused = rateLimited(answers);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused[0]?.message).toMatch(/OAuth client .*\(20 a minute\); retry in \d+ s/);
  // A subject of another client is untouched.
  const other = await stack.graphql('{ look(id: "6") { result(limit: 2) { rowCount } } }', {
    token: await tokenOf('minted-1', 'another-client'),
  });
  expect(other.body.errors).toBeUndefined();
});
