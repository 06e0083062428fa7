import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * A metadata call that hangs ends at LOOKER_METADATA_TIMEOUT, not at LOOKERSDK_TIMEOUT: Looker
 * answers searches in milliseconds, and a hung one must not hold a metadata slot for a query's
 * whole timeout (with a 120 s LOOKERSDK_TIMEOUT, only the metadata deadline ends it before jest's 60 s).
 */
let stack: SubgraphStack;

beforeAll(async () => {
  // 3 s, not 1: the calls that must succeed (the first one logs in) run within it too, on a loaded
  // machine; the hung search still never answers, so only this deadline can end it.
  stack = await startSubgraphStack({ lookerTimeoutMs: 120_000, env: { LOOKER_METADATA_TIMEOUT: '3' } });
});

afterAll(() => stack?.stop());

test('a hung search is LOOKER_UNAVAILABLE after the metadata deadline, and the next request is served', async () => {
  const token = await stack.token('demo-analyst');
  await stack.graphql('{ look(id: "1") { id } }', { token });
  await stack.control('faults', { route: 'GET /looks/search', status: 503, hang: true, count: 10 });
  const answer = await stack.graphql('{ look(id: "2") { title } }', { token });
  await stack.control('faults', undefined, 'DELETE');
  expect(answer.body.data?.look).toBeNull();
  expect(answer.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
    ['LOOKER_UNAVAILABLE', 'Looker did not answer in time (search_looks)'],
  ]);
  const after = await stack.graphql('{ look(id: "2") { title result(limit: 1) { rowCount } } }', { token });
  expect(after.body.errors).toBeUndefined();
});
