import type { GraphQLSchema } from 'graphql';
import { callerWith, errorSummary, guardedSubgraph, run } from './subgraph-fixture';

const SDL = `
  type Query {
    health: String
    me: String @auth
    sqlOrAdmin: String @auth(scopes: [["looker:data:read", "looker:sql:read"], ["looker:admin"]])
    look(id: ID!): Look
    featuredLook: Look @auth
    sharedResult: QueryResult @auth(scopes: [["looker:share"]])
    node(id: ID!): Node
    explore(id: ID!): Explore
  }

  type Look @key(fields: "id") @auth(scopes: [["looker:content:read"]]) {
    id: ID!
    title: String
    result: QueryResult
  }

  type QueryResult @auth(scopes: [["looker:data:read"]]) {
    rows: Int
    sql: String @auth(scopes: [["looker:sql:read"]])
  }

  interface Node @auth(scopes: [["looker:models:read"]]) {
    id: ID!
  }

  type Explore implements Node {
    id: ID!
    label: String
  }
`;

/** Counts how often the test's own resolvers ran, to prove a denied field never calls them. */
let calls: Record<string, number>;
let schema: GraphQLSchema;

function count(name: string): void {
  calls[name] = (calls[name] ?? 0) + 1;
}

beforeAll(() => {
  const result = { rows: 42, sql: 'SELECT 1' };
  schema = guardedSubgraph(SDL, {
    Query: {
      health: () => 'ok',
      me: () => 'user-1',
      sqlOrAdmin: () => 'secret',
      look: (_source: unknown, args: { id: string }) => {
        count('Query.look');
        return { id: args.id, title: `Look ${args.id}` };
      },
      featuredLook: () => ({ id: '7', title: 'Featured', result }),
      sharedResult: () => result,
      node: (_source: unknown, args: { id: string }) => ({ id: args.id, label: 'Orders' }),
      explore: (_source: unknown, args: { id: string }) => ({ id: args.id, label: 'Orders' }),
    },
    Look: {
      result: () => {
        count('Look.result');
        return result;
      },
    },
    Node: { __resolveType: () => 'Explore' },
  });
});

beforeEach(() => {
  calls = {};
});

describe('@auth on fields', () => {
  it('treats the outer list as OR and each inner list as AND', async () => {
    const query = '{ sqlOrAdmin }';
    const granted = async (...scopes: string[]) =>
      (await run(schema, query, callerWith(...scopes))).data?.['sqlOrAdmin'];
    expect(await granted('looker:data:read', 'looker:sql:read')).toBe('secret');
    expect(await granted('looker:admin')).toBe('secret');
    expect(await granted('looker:data:read')).toBeNull();
    expect(await granted('looker:sql:read')).toBeNull();
    expect(await granted()).toBeNull();
  });

  it('names every alternative in the FORBIDDEN error and still serves sibling fields', async () => {
    const result = await run(schema, '{ health sqlOrAdmin }', callerWith('looker:data:read'));
    expect(result.data).toEqual({ health: 'ok', sqlOrAdmin: null });
    expect(errorSummary(result)).toEqual([
      {
        path: 'sqlOrAdmin',
        code: 'FORBIDDEN',
        requiredScopes: [['looker:data:read', 'looker:sql:read'], ['looker:admin']],
      },
    ]);
    expect(result.errors?.[0]?.message).toBe(
      'Not authorized: requires scopes looker:data:read and looker:sql:read, or scope looker:admin',
    );
  });

  it('lets a bare @auth through any authenticated caller and stops anonymous ones', async () => {
    expect((await run(schema, '{ me }', callerWith())).data).toEqual({ me: 'user-1' });

    const anonymous = await run(schema, '{ health me }', null);
    expect(anonymous.data).toEqual({ health: 'ok', me: null });
    expect(errorSummary(anonymous)).toEqual([{ path: 'me', code: 'UNAUTHENTICATED', requiredScopes: [[]] }]);
  });

  it('answers UNAUTHENTICATED with the required scopes when there is no caller', async () => {
    const result = await run(schema, '{ sqlOrAdmin }', null);
    expect(errorSummary(result)).toEqual([
      {
        path: 'sqlOrAdmin',
        code: 'UNAUTHENTICATED',
        requiredScopes: [['looker:data:read', 'looker:sql:read'], ['looker:admin']],
      },
    ]);
  });
});

describe('@auth on types', () => {
  it('denies a field returning a guarded type without calling its resolver', async () => {
    const result = await run(schema, '{ health look(id: "1") { title } }', callerWith('looker:data:read'));
    expect(result.data).toEqual({ health: 'ok', look: null });
    expect(errorSummary(result)).toEqual([
      { path: 'look', code: 'FORBIDDEN', requiredScopes: [['looker:content:read']] },
    ]);
    expect(calls['Query.look']).toBeUndefined();
  });

  it('requires both the parent type and the return type for a nested field', async () => {
    const query = '{ look(id: "1") { id title result { rows } } }';
    const contentOnly = await run(schema, query, callerWith('looker:content:read'));
    expect(contentOnly.data).toEqual({ look: { id: '1', title: 'Look 1', result: null } });
    expect(errorSummary(contentOnly)).toEqual([
      { path: 'look.result', code: 'FORBIDDEN', requiredScopes: [['looker:content:read', 'looker:data:read']] },
    ]);
    expect(calls).toEqual({ 'Query.look': 1 });

    const both = await run(schema, query, callerWith('looker:content:read', 'looker:data:read'));
    expect(both.errors).toBeUndefined();
    expect(both.data).toEqual({ look: { id: '1', title: 'Look 1', result: { rows: 42 } } });
    expect(calls).toEqual({ 'Query.look': 2, 'Look.result': 1 });
  });

  it('guards fields served by the default resolver', async () => {
    // featuredLook's own @auth lets any caller reach the Look, but its plain properties
    // (no resolver of their own) still need the Look type's scope.
    const result = await run(schema, '{ featuredLook { __typename title } }', callerWith());
    expect(result.data).toEqual({ featuredLook: { __typename: 'Look', title: null } });
    expect(errorSummary(result)).toEqual([
      { path: 'featuredLook.title', code: 'FORBIDDEN', requiredScopes: [['looker:content:read']] },
    ]);

    const allowed = await run(schema, '{ featuredLook { id title } }', callerWith('looker:content:read'));
    expect(allowed.data).toEqual({ featuredLook: { id: '7', title: 'Featured' } });
  });

  it("lets a field's own @auth override the type's", async () => {
    // sharedResult needs only looker:share (not QueryResult's data scope); sql needs only sql:read.
    const caller = callerWith('looker:share', 'looker:sql:read');
    const result = await run(schema, '{ sharedResult { sql rows } }', caller);
    expect(result.data).toEqual({ sharedResult: { sql: 'SELECT 1', rows: null } });
    expect(errorSummary(result)).toEqual([
      { path: 'sharedResult.rows', code: 'FORBIDDEN', requiredScopes: [['looker:data:read']] },
    ]);
  });

  it('applies an interface @auth to fields returning it and to its implementations', async () => {
    const query = '{ node(id: "e1") { id ... on Explore { label } } explore(id: "e2") { label } }';
    const denied = await run(schema, query, callerWith('looker:content:read'));
    expect(denied.data).toEqual({ node: null, explore: null });
    expect(errorSummary(denied)).toEqual([
      { path: 'explore', code: 'FORBIDDEN', requiredScopes: [['looker:models:read']] },
      { path: 'node', code: 'FORBIDDEN', requiredScopes: [['looker:models:read']] },
    ]);

    const allowed = await run(schema, query, callerWith('looker:models:read'));
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ node: { id: 'e1', label: 'Orders' }, explore: { label: 'Orders' } });
  });

  it('never guards __typename or introspection', async () => {
    const result = await run(schema, '{ __typename __type(name: "Look") { name fields { name } } }', null);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      __typename: 'Query',
      __type: { name: 'Look', fields: [{ name: 'id' }, { name: 'title' }, { name: 'result' }] },
    });
  });
});
