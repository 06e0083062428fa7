import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type GraphQLSchema } from 'graphql';
import { authDirectiveTransformer } from '../../directives';
import { resolvers } from '../../resolvers';
import { projectRoot } from '../config/project-root';

/** Where the SDL lives: one file per area. */
export const schemaDirectory = join(projectRoot(), 'schema');

/** The subgraph's SDL: every `.graphql` file of `schema/`, in name order. */
export function loadTypeDefs(directory: string = schemaDirectory): string {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(directory, file), 'utf8'))
    .join('\n');
}

/** The executable subgraph schema: Federation 2 entities, resolvers, and `@auth` enforced. */
export function buildSchema(typeDefs: string = loadTypeDefs()): GraphQLSchema {
  const schema = buildSubgraphSchema([
    { typeDefs: parse(typeDefs), resolvers: resolvers as GraphQLResolverMap<unknown> },
  ]);
  return authDirectiveTransformer(schema);
}
