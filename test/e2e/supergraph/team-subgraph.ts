import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/** A logger that drops everything: the suites stay quiet. */
export const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A team and the ids of the Looker dashboards it watches. */
export interface Team {
  readonly id: string;
  readonly name: string;
  readonly dashboardIds: readonly string[];
}

/**
 * A second subgraph, as another team of the company would write it: it knows teams and points at
 * Looker dashboards by id, leaving everything else about them to the Looker subgraph.
 */
export const teamTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Query {
    teams: [Team!]!
  }

  type Team @key(fields: "id") {
    id: ID!
    name: String!
    dashboards: [Dashboard!]!
  }

  type Dashboard @key(fields: "id", resolvable: false) {
    id: ID!
  }
`);

/** A subgraph listening on a loopback port. */
export interface RunningSubgraph {
  /** Its GraphQL endpoint. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Serves the team subgraph over HTTP on a free port. */
export async function startTeamSubgraph(teams: readonly Team[]): Promise<RunningSubgraph> {
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: teamTypeDefs,
      resolvers: {
        Query: { teams: () => teams },
        Team: {
          __resolveReference: (reference: { id: string }) => teams.find((team) => team.id === reference.id) ?? null,
          dashboards: (team: Team) => team.dashboardIds.map((id) => ({ __typename: 'Dashboard', id })),
        },
      },
    }),
    logger: silentLogger,
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
