import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack();
});

afterAll(() => stack?.stop());

test('concurrent first requests share one Looker login', async () => {
  const token = await stack.token('demo-analyst');
  await stack.resetLookerStats();
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) => stack.graphql(`{ look(id: "${i + 1}") { title } }`, { token })),
  );
  expect(answers.every((a) => a.body.errors === undefined)).toBe(true);
  const stats = await stack.lookerStats();
  expect(stats.byRoute['POST /api/4.0/login']).toBe(1);
  // Ten separate requests, each with its own loaders: ten searches, one login.
  expect(stats.byRoute['GET /api/4.0/looks/search']).toBe(10);
});
