import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { estimateOperationCost } from '../../../src/limits/operation-cost';
import { buildSchema } from '../../../src/graphql/schema';

const schema = buildSchema();

function estimate(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  if (!operation) throw new Error('no operation');
  return estimateOperationCost(schema, operation, fragments, variables);
}

test('metadata served from the parent costs only the parent’s call', () => {
  expect(estimate('{ looks(first: 50) { nodes { title folder { name } model { label } } } }')).toEqual({
    lookerCalls: 1,
    rows: 0,
  });
});

test('results multiply by the page size and read `limit` rows each, or the assumed 500', () => {
  expect(estimate('{ looks(first: 10) { nodes { result(limit: 3) { rows } } } }')).toEqual({
    lookerCalls: 11,
    rows: 30,
  });
  // Without `limit`, each look's saved query is read first for its own limit: two calls a result.
  expect(estimate('{ looks { nodes { result { rows } } } }')).toEqual({ lookerCalls: 41, rows: 20 * 500 });
});

test('a batched field costs one call for the whole level, not one per parent', () => {
  expect(estimate('{ dashboards(first: 30) { nodes { folder { name } } } }')).toEqual({ lookerCalls: 2, rows: 0 });
});

test('variables set page sizes and row limits', () => {
  const query = 'query ($n: Int, $rows: Int) { looks(first: $n) { nodes { result(limit: $rows) { rowCount } } } }';
  expect(estimate(query, { n: 4, rows: 10 })).toEqual({ lookerCalls: 5, rows: 40 });
});

test('entities cost one batched call per representation list', () => {
  const query =
    '{ _entities(representations: [{ __typename: "Look", id: "1" }, { __typename: "Look", id: "2" }]) { ... on Look { result(limit: 2) { rowCount } } } }';
  expect(estimate(query)).toEqual({ lookerCalls: 1 + 2, rows: 4 });
});

test('fragments are costed once each: a doubling chain of spreads is estimated without blowing up', () => {
  const depth = 40;
  const fragments = Array.from({ length: depth }, (_, i) =>
    i === depth - 1
      ? `fragment F${i} on Query { look(id: "1") { id } }`
      : `fragment F${i} on Query { ...F${i + 1} a${i}: look(id: "2") { id } ...F${i + 1} }`,
  );
  const cost = estimate(`{ ...F0 } ${fragments.join(' ')}`);
  // 2^39 + … calls: far beyond any limit, and computed in linear time.
  expect(cost.lookerCalls).toBeGreaterThan(1e11);
});
