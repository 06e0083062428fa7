import { ApolloGateway, RemoteGraphQLDataSource, type SupergraphManager } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GatewayPlugin } from '@graphql-hive/gateway';
import { forwardedHeadersOf, startHiveGateway } from '../../../scripts/hive-gateway';
import type { GraphQLAnswer } from '../../support/subgraph-stack';
import { silentLogger } from './team-subgraph';

/** What the gateway keeps of an incoming request: the headers to pass on to the subgraphs. */
interface GatewayContext {
  readonly forwarded: Record<string, string>;
}

/** One request the gateway sent to a subgraph. */
export interface SubgraphRequest {
  readonly url: string;
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
}

/** What a request to the gateway carries. */
export interface GatewayRequestOptions {
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

/** A supergraph served over HTTP by a gateway, and the requests it sent to subgraphs. */
export interface RunningGateway {
  /** The gateway's origin, as its clients reach it. */
  readonly url: string;
  readonly subgraphRequests: SubgraphRequest[];
  graphql(query: string, options?: GatewayRequestOptions): Promise<GraphQLAnswer>;
  stop(): Promise<void>;
}

/** Posts a GraphQL request to a gateway's endpoint, as a client would. */
async function post(
  endpoint: string,
  query: string,
  { token, headers }: GatewayRequestOptions,
): Promise<GraphQLAnswer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLAnswer['body'] };
}

/**
 * Starts an `@apollo/gateway` over a composed supergraph (or one that composes itself, like
 * `IntrospectAndCompose`). It forwards each caller's `Authorization`, trace context and request id
 * to the subgraphs in `willSendRequest`, as docs/gateway.md shows.
 */
export async function startApolloGateway(supergraphSdl: string | SupergraphManager): Promise<RunningGateway> {
  const subgraphRequests: SubgraphRequest[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: silentLogger,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url,
        willSendRequest({ request, context }) {
          // Loading the schema (IntrospectAndCompose) runs without a request context.
          const forwarded = (context as Partial<GatewayContext>).forwarded ?? {};
          for (const [name, value] of Object.entries(forwarded)) request.http?.headers.set(name, value);
          subgraphRequests.push({ url: url ?? '', query: request.query ?? '', variables: request.variables });
        },
      }),
  });
  const server = new ApolloServer<GatewayContext>({ gateway, logger: silentLogger });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({
      forwarded: forwardedHeadersOf({ get: (name) => req.headers[name]?.toString() ?? null }),
    }),
  });
  return {
    url: new URL(url).origin,
    subgraphRequests,
    graphql: (query, options = {}) => post(url, query, options),
    stop: () => server.stop(),
  };
}

/**
 * Starts Hive Gateway as `npm run supergraph` does (scripts/hive-gateway.ts), recording the
 * requests it sends to subgraphs.
 */
export async function startHiveTestGateway(supergraphSdl: string, exportsOrigin: string): Promise<RunningGateway> {
  const subgraphRequests: SubgraphRequest[] = [];
  const recorder: GatewayPlugin = {
    onFetch({ url, options }) {
      if (typeof options.body !== 'string') return;
      const body = JSON.parse(options.body) as { query?: string; variables?: Record<string, unknown> };
      subgraphRequests.push({ url, query: body.query ?? '', variables: body.variables });
    },
  };
  const gateway = await startHiveGateway({
    supergraphSdl,
    port: 0,
    host: '127.0.0.1',
    exportsOrigin,
    plugins: [recorder],
  });
  return {
    url: gateway.url,
    subgraphRequests,
    graphql: (query, options = {}) => post(gateway.graphqlUrl, query, options),
    stop: () => gateway.stop(),
  };
}
