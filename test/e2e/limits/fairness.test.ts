import { startSubgraphStack, testAudience, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * No caller takes more than its share of Looker: while one analyst's queries hang, another caller's
 * metadata query is served as usual, and the greedy caller alone is refused.
 */
let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack({
    // The hog's hung runs must still be hanging when they are counted, after another caller's
    // request, even on a loaded machine; they end at this deadline, well within jest's 60 s.
    lookerTimeoutMs: 15_000,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    env: {
      LOOKER_MAX_CONCURRENCY: '4',
      LOOKER_SUBJECT_CONCURRENCY: '2',
      LOOKER_SUBJECT_QUEUE: '2',
      LOOKER_SUBJECT_RATE: '40',
    },
  });
});

afterAll(() => stack?.stop());

const now = () => Math.floor(Date.now() / 1000);
const tokenOf = (sub: string) =>
  stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub,
    scope: 'looker:content:read looker:models:read looker:data:read',
    exp: now() + 600,
  });
const codesOf = (answers: { body: { errors?: { extensions?: Record<string, unknown> }[] } }[]) =>
  answers.flatMap((a) => (a.body.errors ?? []).map((e) => String(e.extensions?.code)));

test('while a hog’s queries hang, another caller’s metadata is served and the hog alone is refused', async () => {
  const hog = await tokenOf('hog');
  const other = await tokenOf('ordinary');
  await stack.graphql('{ look(id: "1") { id } }', { token: hog });
  await stack.control('faults', {
    route: 'GET /queries/:query_id/run/:result_format',
    status: 503,
    hang: true,
    count: 100,
  });
  // Eight distinct query runs per request: two run (and hang), two wait, the rest are refused at once.
  const hogAnswers = Promise.all(
    [1, 2].map(() => stack.graphql('{ looks(first: 8) { nodes { result(limit: 1) { rowCount } } } }', { token: hog })),
  );
  await stack.emulator.control.waitForHang();
  await stack.emulator.control.waitForHang();
  const metadata = await stack.graphql(
    '{ look(id: "2") { title } explore(model: "ecommerce", name: "order_items") { name } }',
    { token: other },
  );
  expect(metadata.body.errors).toBeUndefined();
  expect(metadata.body.data).toMatchObject({ look: { title: expect.any(String) }, explore: { name: 'order_items' } });
  // The hog never held more than its two slots.
  expect(stack.emulator.control.hangingCount).toBe(2);
  const answers = await hogAnswers;
  await stack.control('faults', undefined, 'DELETE');
  const codes = codesOf(answers);
  expect(codes).toContain('LOOKER_RATE_LIMITED');
  expect(new Set(codes)).toEqual(new Set(['LOOKER_RATE_LIMITED', 'LOOKER_UNAVAILABLE']));
  const refused = answers.flatMap((a) => a.body.errors ?? []).find((e) => e.extensions?.code === 'LOOKER_RATE_LIMITED');
  expect(refused?.message).toMatch(/too many Looker calls waiting/);
});

test('a caller past its per-minute rate gets LOOKER_RATE_LIMITED; another caller does not', async () => {
  const greedy = await tokenOf('greedy');
  const calm = await tokenOf('calm');
  const answers = [];
  // 40 Looker calls a minute: the 41st look search is refused (distinct ids defeat de-duplication).
  for (let i = 1; i <= 45; i += 1) answers.push(await stack.graphql(`{ look(id: "${i}") { id } }`, { token: greedy }));
  const codes = codesOf(answers);
  expect(codes.filter((c) => c === 'LOOKER_RATE_LIMITED').length).toBeGreaterThanOrEqual(5);
  expect(
    answers.flatMap((a) => a.body.errors ?? []).find((e) => e.extensions?.code === 'LOOKER_RATE_LIMITED')?.message,
  ).toMatch(/\(40 a minute\); retry in \d+ s/);
  const calmAnswer = await stack.graphql('{ look(id: "3") { id } }', { token: calm });
  expect(calmAnswer.body.errors).toBeUndefined();
});
