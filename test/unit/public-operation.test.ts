import { parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { isPublicOperation } from '../../src/graphql/validation/public-operation';

function check(source: string, introspection = true): boolean {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
      .map((d) => [d.name.value, d]),
  );
  return isPublicOperation(operation as OperationDefinitionNode, fragments, introspection);
}

test('_service and __typename are public', () => {
  expect(check('{ _service { sdl } __typename }')).toBe(true);
});

test('introspection is public only when enabled', () => {
  expect(check('{ __schema { types { name } } }')).toBe(true);
  expect(check('{ __schema { types { name } } }', false)).toBe(false);
});

test('any other root field, even hidden in a fragment, is not', () => {
  expect(check('{ _service { sdl } looks { nodes { id } } }')).toBe(false);
  expect(check('{ ...F } fragment F on Query { look(id: "1") { id } }')).toBe(false);
  expect(check('{ ... on Query { _entities(representations: []) { __typename } } }')).toBe(false);
  expect(check('{ ...F } fragment F on Query { ...F }')).toBe(false);
});

test('mutations are never public', () => {
  expect(check('mutation { __typename }')).toBe(false);
});
