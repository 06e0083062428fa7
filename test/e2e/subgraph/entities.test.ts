import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack();
});

afterAll(() => stack?.stop());

const entitiesQuery = `query ($r: [_Any!]!) { _entities(representations: $r) {
  __typename
  ... on Look { id title }
  ... on Dashboard { id title }
  ... on Folder { id name }
  ... on LookmlModel { name label }
  ... on Explore { model name label }
} }`;

const representations = [
  { __typename: 'Look', id: '1' },
  { __typename: 'Dashboard', id: '1' },
  { __typename: 'Folder', id: '2' },
  { __typename: 'LookmlModel', name: 'ecommerce' },
  { __typename: 'Explore', model: 'ecommerce', name: 'order_items' },
];

test('every entity type resolves through _entities, @auth applied', async () => {
  const answer = await stack.graphql(entitiesQuery, {
    token: await stack.token('demo-viewer'),
    variables: { r: representations },
  });
  expect(answer.body.errors).toBeUndefined();
  const entities = answer.body.data?._entities as Record<string, string>[];
  expect(entities.map((e) => e.__typename)).toEqual(representations.map((r) => r.__typename));
  expect(entities.every((e) => (e.title ?? e.name ?? e.label ?? '').length > 0)).toBe(true);
  expect(entities[4]).toEqual(expect.objectContaining({ model: 'ecommerce', name: 'order_items' }));
});

test('an entity the caller lacks the scope for is null with FORBIDDEN; the others resolve', async () => {
  // A token with content scope only: models and explores are denied.
  const token = await stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: 'looker-subgraph-test',
    sub: 'content-only',
    scope: 'looker:content:read',
    exp: Math.floor(Date.now() / 1000) + 600,
  });
  const answer = await stack.graphql(entitiesQuery, { token, variables: { r: representations } });
  const entities = answer.body.data?._entities as (Record<string, string> | null)[];
  expect(entities.slice(0, 3).every((e) => e !== null)).toBe(true);
  expect(entities[3]).toBeNull();
  expect(entities[4]).toBeNull();
  const codes = (answer.body.errors ?? []).map((e) => [e.path, e.extensions?.code]);
  expect(codes).toEqual(
    expect.arrayContaining([
      [['_entities', 3], 'FORBIDDEN'],
      [['_entities', 4], 'FORBIDDEN'],
    ]),
  );
});

test('a missing entity is null without an error', async () => {
  const answer = await stack.graphql(entitiesQuery, {
    token: await stack.token('demo-viewer'),
    variables: { r: [{ __typename: 'Look', id: '424242' }] },
  });
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data?._entities).toEqual([null]);
});
