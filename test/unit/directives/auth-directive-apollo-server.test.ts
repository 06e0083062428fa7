import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { AuthContext } from '../../../src/auth/principal';
import { callerWith, guardedSubgraph } from './subgraph-fixture';

const SDL = `
  type Query {
    health: String
    look(id: ID!): Look
  }
  type Look @key(fields: "id") @auth(scopes: [["looker:content:read"]]) {
    id: ID!
    result: QueryResult
  }
  type QueryResult @auth(scopes: [["looker:data:read"]]) {
    rows: Int
  }
`;

describe('@auth through Apollo Server', () => {
  const server = new ApolloServer<AuthContext>({
    schema: guardedSubgraph(SDL, {
      Query: { health: () => 'ok', look: (_source: unknown, args: { id: string }) => ({ id: args.id }) },
      Look: { result: () => ({ rows: 3 }) },
    }),
    // Inline tracing is for a gateway to collect; it only adds log noise here.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });

  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('keeps the error code and required scopes in the formatted response', async () => {
    const response = await server.executeOperation(
      { query: '{ health look(id: "1") { id result { rows } } }' },
      { contextValue: { principal: callerWith('looker:content:read') } },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    expect(data).toEqual({ health: 'ok', look: { id: '1', result: null } });
    expect(errors).toHaveLength(1);
    expect(errors?.[0]).toMatchObject({
      message: 'Not authorized: requires scopes looker:content:read and looker:data:read',
      path: ['look', 'result'],
      extensions: { code: 'FORBIDDEN', requiredScopes: [['looker:content:read', 'looker:data:read']] },
    });
  });

  it('answers _service without a caller', async () => {
    const response = await server.executeOperation(
      { query: '{ _service { sdl } }' },
      { contextValue: { principal: null } },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    expect(response.body.singleResult.data).toEqual({ _service: { sdl: expect.stringContaining('type Look') } });
  });
});
