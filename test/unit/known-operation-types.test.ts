import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { knownOperationTypesRule } from '../../src/graphql/validation/known-operation-types';

const queryOnly = buildSchema('type Query { a: Int }');
const withMutation = buildSchema('type Query { a: Int } type Mutation { b: Int }');
const errorsOf = (schema: typeof queryOnly, source: string) =>
  validate(schema, parse(source), [...specifiedRules, knownOperationTypesRule]).map((e) => e.message);

test('an operation type the schema lacks is a validation error', () => {
  expect(errorsOf(queryOnly, 'mutation { b }')).toContain('The mutation operation is not supported by the schema.');
  expect(errorsOf(queryOnly, 'subscription { a }')).toContain(
    'The subscription operation is not supported by the schema.',
  );
});

test('operation types the schema has pass', () => {
  expect(errorsOf(withMutation, 'mutation { b }')).toEqual([]);
  expect(errorsOf(queryOnly, '{ a }')).toEqual([]);
});
