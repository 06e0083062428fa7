import { ApolloGateway, RemoteGraphQLDataSource, type SupergraphManager } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GraphQLAnswer } from '../../support/subgraph-stack';
import { silentLogger } from './team-subgraph';

/** What the gateway keeps of an incoming request: the caller's credentials, to pass on. */
interface GatewayContext {
  readonly authorization?: string;
}

/** One request the gateway sent to a subgraph. */
export interface SubgraphRequest {
  readonly url: string;
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
}

/** An `@apollo/gateway` supergraph served over HTTP, and the requests it sent to subgraphs. */
export interface RunningGateway {
  readonly url: string;
  readonly subgraphRequests: SubgraphRequest[];
  graphql(query: string, options?: { token?: string }): Promise<GraphQLAnswer>;
  stop(): Promise<void>;
}

/**
 * Starts a gateway over a composed supergraph (or one that composes itself, like
 * `IntrospectAndCompose`). It forwards each caller's `Authorization` header to the subgraphs, as a
 * production gateway in front of this subgraph must.
 */
export async function startGateway(supergraphSdl: string | SupergraphManager): Promise<RunningGateway> {
  const subgraphRequests: SubgraphRequest[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: silentLogger,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url,
        willSendRequest({ request, context }) {
          const authorization = (context as GatewayContext).authorization;
          if (authorization) request.http?.headers.set('authorization', authorization);
          subgraphRequests.push({ url: url ?? '', query: request.query ?? '', variables: request.variables });
        },
      }),
  });
  const server = new ApolloServer<GatewayContext>({ gateway, logger: silentLogger });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });

  return {
    url,
    subgraphRequests,
    async graphql(query, { token } = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GraphQLAnswer['body'],
      };
    },
    stop: () => server.stop(),
  };
}
