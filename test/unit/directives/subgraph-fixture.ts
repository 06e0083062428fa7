import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { graphql, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { authDirectiveTransformer, authDirectiveTypeDefs } from '../../../directives';
import type { AuthContext, Principal } from '../../../src/auth/principal';

/** The federation header every test subgraph starts with. */
export const FEDERATION_LINK = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
`;

/** Builds a subgraph schema from SDL (the @auth definition added) and applies the transformer. */
export function guardedSubgraph(sdl: string, resolvers: GraphQLResolverMap<unknown>): GraphQLSchema {
  const schema = buildSubgraphSchema([{ typeDefs: parse(FEDERATION_LINK + authDirectiveTypeDefs + sdl), resolvers }]);
  return authDirectiveTransformer(schema);
}

/** A signed-in caller holding exactly these scopes. */
export function callerWith(...scopes: string[]): Principal {
  return { subject: 'user-1', clientId: 'explorer', scopes: new Set(scopes), claims: { sub: 'user-1' } };
}

/** Executes one operation with the given caller (null: no token). */
export async function run(
  schema: GraphQLSchema,
  source: string,
  principal: Principal | null,
  variableValues?: Record<string, unknown>,
): Promise<ExecutionResult> {
  const contextValue: AuthContext = { principal };
  return graphql({ schema, source, contextValue, variableValues });
}

/** The errors of a result as `{ path, code, requiredScopes }`, sorted by path, for exact assertions. */
export function errorSummary(result: ExecutionResult): { path: string; code: unknown; requiredScopes: unknown }[] {
  return (result.errors ?? [])
    .map((error) => ({
      path: (error.path ?? []).join('.'),
      code: error.extensions['code'],
      requiredScopes: error.extensions['requiredScopes'],
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
