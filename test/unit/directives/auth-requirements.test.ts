import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import {
  AuthDirectiveError,
  authDirectiveTransformer,
  authDirectiveTypeDefs,
  parseScopesArgument,
  requiredScopesFor,
  requiredScopesForType,
} from '../../../directives';
import { FEDERATION_LINK } from './subgraph-fixture';

function subgraph(sdl: string, withDirective = true): GraphQLSchema {
  return buildSubgraphSchema(parse(FEDERATION_LINK + (withDirective ? authDirectiveTypeDefs : '') + sdl));
}

const SDL = `
  type Query {
    look: Look
    health: String
    explore: Explore
  }
  type Look @key(fields: "id") @auth(scopes: [["content"]]) {
    id: ID!
    result: Result
    owner: String @auth
  }
  type Result @auth(scopes: [["data"], ["admin"]]) {
    rows: Int
  }
  interface Node @auth(scopes: [["models"]]) {
    id: ID!
    secret: String @auth(scopes: [["secret"]])
  }
  type Explore implements Node @auth(scopes: [["explore"]]) {
    id: ID!
    secret: String
  }
`;

describe('requiredScopesFor', () => {
  const schema = subgraph(SDL);

  it('uses the field own @auth over every type-level one', () => {
    expect(requiredScopesFor(schema, 'Look', 'owner')).toEqual([[]]);
  });

  it('ANDs the parent type and the return type', () => {
    expect(requiredScopesFor(schema, 'Query', 'look')).toEqual([['content']]);
    expect(requiredScopesFor(schema, 'Look', 'id')).toEqual([['content']]);
    expect(requiredScopesFor(schema, 'Look', 'result')).toEqual([
      ['content', 'data'],
      ['admin', 'content'],
    ]);
  });

  it('includes the interfaces a type implements, and their field-level @auth', () => {
    expect(requiredScopesForType(schema, 'Explore')).toEqual([['explore', 'models']]);
    expect(requiredScopesFor(schema, 'Query', 'explore')).toEqual([['explore', 'models']]);
    expect(requiredScopesFor(schema, 'Explore', 'secret')).toEqual([['secret']]);
    expect(requiredScopesFor(schema, 'Node', 'id')).toEqual([['models']]);
  });

  it('leaves public, introspection and federation fields without a requirement', () => {
    expect(requiredScopesFor(schema, 'Query', 'health')).toBeUndefined();
    expect(requiredScopesFor(schema, 'Query', '__typename')).toBeUndefined();
    expect(requiredScopesFor(schema, '__Type', 'fields')).toBeUndefined();
    expect(requiredScopesFor(schema, 'Query', '_service')).toBeUndefined();
    expect(requiredScopesFor(schema, 'Query', '_entities')).toBeUndefined();
    expect(requiredScopesForType(schema, 'String')).toBeUndefined();
  });

  it('reads the same requirements from the transformed schema', () => {
    const transformed = authDirectiveTransformer(schema);
    expect(requiredScopesFor(transformed, 'Look', 'result')).toEqual(requiredScopesFor(schema, 'Look', 'result'));
  });

  it('throws a TypeError for names the schema does not have', () => {
    expect(() => requiredScopesFor(schema, 'Nope', 'id')).toThrow(TypeError);
    expect(() => requiredScopesFor(schema, 'Look', 'nope')).toThrow('Look has no field nope');
  });
});

describe('@auth argument validation', () => {
  it('accepts no argument or null as "any authenticated caller"', () => {
    expect(parseScopesArgument(undefined, 'type X')).toEqual([[]]);
    expect(parseScopesArgument(null, 'type X')).toEqual([[]]);
  });

  it.each([
    [[], /list of alternatives is empty/],
    [[[]], /alternative 0 is empty/],
    [[['']], /"" is not a valid scope/],
    [[['looker:data:read looker:sql:read']], /is not a valid scope/],
    [[['ok'], ['bad"quote']], /is not a valid scope/],
  ])('rejects %j', (value, message) => {
    expect(() => parseScopesArgument(value, 'field Look.title')).toThrow(message);
  });

  it('stops the transform with an error naming the element', () => {
    const schema = subgraph('type Query { look: String @auth(scopes: [["looker:content:read", ""]]) }');
    expect(() => authDirectiveTransformer(schema)).toThrow(AuthDirectiveError);
    expect(() => authDirectiveTransformer(schema)).toThrow('Invalid @auth(scopes:) on field Query.look');
  });

  it('validates @auth on interface fields too', () => {
    const schema = subgraph(`
      type Query { health: String }
      interface Node { id: ID! @auth(scopes: []) }
    `);
    expect(() => authDirectiveTransformer(schema)).toThrow('on field Node.id');
  });

  it('refuses a schema that does not define @auth', () => {
    expect(() => authDirectiveTransformer(subgraph('type Query { health: String }', false))).toThrow(
      'include authDirectiveTypeDefs',
    );
  });
});
