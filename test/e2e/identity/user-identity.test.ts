import { DEMO_LOGINS, DEMO_USER_IDS } from '../../../emulator';
import { type GraphQLAnswer } from '../../support/subgraph-stack';
import { lookIdsSeenBy } from './direct-looker';
import { startUserStack, type UserStack } from './user-stack';

let stack: UserStack;
const expected: Record<'analyst' | 'viewer', string[]> = { analyst: [], viewer: [] };

beforeAll(async () => {
  stack = await startUserStack({ retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 } });
  expected.analyst = await lookIdsSeenBy(stack.emulator.url, DEMO_USER_IDS.analyst);
  expected.viewer = await lookIdsSeenBy(stack.emulator.url, DEMO_USER_IDS.viewer);
});

afterAll(() => stack?.stop());

beforeEach(async () => {
  stack.useProvider();
  await stack.control('faults', undefined, 'DELETE');
  await stack.control('reset');
});

const looksQuery = '{ looks(first: 200) { nodes { id } } }';
const lookIds = (answer: GraphQLAnswer) => {
  expect(answer.body.errors).toBeUndefined();
  return (answer.body.data?.looks as { nodes: { id: string }[] }).nodes.map((n) => n.id).sort();
};
/** Routes the emulator counted, except those the API user needs to map callers and log them in. */
const dataRoutes = (byRoute: Record<string, number>) =>
  Object.keys(byRoute).filter(
    (r) =>
      ![
        'POST /api/4.0/login',
        'POST /api/4.0/login/:user_id',
        'GET /api/4.0/users/credential/:credential_type/:credential_id',
      ].includes(r),
  );

test('each person sees exactly the looks Looker shows them', async () => {
  // The two people must differ, or this test could not tell them apart.
  expect(expected.viewer.length).toBeGreaterThan(0);
  expect(expected.viewer.length).toBeLessThan(expected.analyst.length);
  const analyst = await stack.graphql(looksQuery, { token: await stack.tokenFor(DEMO_LOGINS.analyst) });
  const viewer = await stack.graphql(looksQuery, { token: await stack.tokenFor(DEMO_LOGINS.viewer) });
  expect(lookIds(analyst)).toEqual(expected.analyst);
  expect(lookIds(viewer)).toEqual(expected.viewer);
});

test('a look outside the viewer’s folders is null for the viewer and present for the analyst', async () => {
  const outside = expected.analyst.find((id) => !expected.viewer.includes(id)) as string;
  const query = `{ look(id: "${outside}") { id title } }`;
  const viewer = await stack.graphql(query, { token: await stack.tokenFor(DEMO_LOGINS.viewer) });
  expect(viewer.body).toEqual({ data: { look: null } });
  const analyst = await stack.graphql(query, { token: await stack.tokenFor(DEMO_LOGINS.analyst) });
  expect((analyst.body.data?.look as { id: string }).id).toBe(outside);
});

test('concurrent requests of two people never see each other’s answers', async () => {
  const tokens = {
    analyst: await stack.tokenFor(DEMO_LOGINS.analyst),
    viewer: await stack.tokenFor(DEMO_LOGINS.viewer),
  };
  const who: ('analyst' | 'viewer')[] = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'analyst' : 'viewer'));
  const answers = await Promise.all(who.map((person) => stack.graphql(looksQuery, { token: tokens[person] })));
  answers.forEach((answer, i) => expect(lookIds(answer)).toEqual(expected[who[i] ?? 'analyst']));
  const stats = await stack.lookerStats();
  // One login per person, however many of their requests started together.
  expect(stats.byRoute['POST /api/4.0/login/:user_id']).toBe(2);
});

test('a person without model access gets no models and no query results', async () => {
  const token = await stack.tokenFor(DEMO_LOGINS.nomodels);
  const models = await stack.graphql('{ lookmlModels { name } }', { token });
  expect(models.body).toEqual({ data: { lookmlModels: [] } });
  const analystModels = await stack.graphql('{ lookmlModels { name } }', {
    token: await stack.tokenFor(DEMO_LOGINS.analyst),
  });
  expect((analystModels.body.data?.lookmlModels as unknown[]).length).toBeGreaterThan(0);

  // Nora sees the Marketing looks' metadata, but Looker answers 404 to running their queries:
  // for a query taken from content she can see, that means she may not run it.
  const look = await stack.graphql(
    '{ looks(folderId: "3", first: 1) { nodes { id title result(limit: 5) { rowCount } } } }',
    { token },
  );
  const nodes = (look.body.data?.looks as { nodes: { id: string; result: unknown }[] }).nodes;
  expect(nodes).toHaveLength(1);
  expect(nodes[0]?.result).toBeNull();
  expect(look.body.errors).toEqual([expect.objectContaining({ path: ['looks', 'nodes', 0, 'result'] })]);
  expect(look.body.errors?.[0]).toEqual(
    expect.objectContaining({
      message: 'Looker does not allow this user to run this query',
      extensions: { code: 'FORBIDDEN' },
    }),
  );

  const adHoc = await stack.graphql(
    '{ runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.count"] }) { rowCount } }',
    { token },
  );
  expect(adHoc.body.data?.runQuery).toBeNull();
  expect(adHoc.body.errors?.[0]?.path).toEqual(['runQuery']);
});

test('a caller no Looker user is mapped to gets FORBIDDEN, and nothing is read as the service account', async () => {
  const token = await stack.tokenFor('someone-unknown');
  const answer = await stack.graphql('{ looks(first: 5) { nodes { id } } folders { nodes { id } } }', { token });
  expect(answer.status).toBe(200);
  expect(answer.body.data).toBeNull();
  expect(answer.body.errors?.length).toBeGreaterThan(0);
  for (const error of answer.body.errors ?? []) {
    expect(error.extensions?.code).toBe('FORBIDDEN');
    expect(error.message).toBe('No Looker user is mapped to this identity');
  }
  const stats = await stack.lookerStats();
  expect(stats.byRoute['GET /api/4.0/users/credential/:credential_type/:credential_id']).toBe(1);
  expect(dataRoutes(stats.byRoute)).toEqual([]);
  expect(stats.byRoute['POST /api/4.0/login/:user_id']).toBeUndefined();
});

test('fields that need no Looker still answer for an unmapped caller', async () => {
  const answer = await stack.graphql('{ viewer { subject } }', { token: await stack.tokenFor('someone-unknown') });
  expect(answer.body).toEqual({ data: { viewer: { subject: 'someone-unknown' } } });
  expect((await stack.lookerStats()).total).toBe(0);
});

test('a subject that only looks URL-encoded is not taken for another person', async () => {
  // The SDK leaves `%74` undecoded in a path, where Looker would read it as `t`: demo-analyst.
  const answer = await stack.graphql(looksQuery, { token: await stack.tokenFor('demo-analys%74') });
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(answer.body.data).toBeNull();
});

test('Looker failing while the caller is mapped is LOOKER_UNAVAILABLE, not FORBIDDEN or a fallback', async () => {
  await stack.control('faults', { route: 'GET /users/credential/:credential_type/:credential_id', status: 503 });
  const answer = await stack.graphql(looksQuery, { token: await stack.tokenFor(DEMO_LOGINS.analyst) });
  expect(answer.status).toBe(200);
  expect(answer.body.errors?.[0]?.extensions?.code).toBe('LOOKER_UNAVAILABLE');
  expect(dataRoutes((await stack.lookerStats()).byRoute)).toEqual([]);
  // Once Looker is back the same caller is served: the failure was not remembered as "unmapped".
  await stack.control('faults', undefined, 'DELETE');
  const again = await stack.graphql(looksQuery, { token: await stack.tokenFor(DEMO_LOGINS.analyst) });
  expect(lookIds(again)).toEqual(expected.analyst);
});
