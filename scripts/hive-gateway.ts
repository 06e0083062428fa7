import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';

/**
 * The request headers the Looker subgraph reads from its callers, which any gateway in front of it
 * must pass on: the caller's bearer token (without it every operation is `UNAUTHENTICATED`), the
 * W3C trace context (so the caller's trace reaches Looker) and the request id (logs and audit).
 */
export const forwardedHeaders = ['authorization', 'traceparent', 'tracestate', 'x-request-id'] as const;

/** The {@link forwardedHeaders} a client request carries. */
export function forwardedHeadersOf(headers: { get(name: string): string | null }): Record<string, string> {
  const present: Record<string, string> = {};
  for (const name of forwardedHeaders) {
    const value = headers.get(name);
    if (value !== null) present[name] = value;
  }
  return present;
}

/**
 * Passes a request on to the subgraph's origin as it came (method, path, headers, body) and its
 * answer back as it comes, streamed: the download stays the subgraph's own (its token check,
 * status, content type and attachment name). A client that goes away stops the subgraph's work.
 */
function routeToSubgraph(origin: string, req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(req.url ?? '/', origin);
  const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  // The subgraph did not answer, or broke off mid-download.
  upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

/** Options of {@link startHiveGateway}. */
export interface HiveGatewayOptions {
  /** The composed supergraph SDL (it names each subgraph's URL). */
  readonly supergraphSdl: string;
  /** Where the gateway listens (port 0: a free one). */
  readonly port: number;
  readonly host: string;
  /** The Looker subgraph's origin, where `/exports/` downloads are routed. */
  readonly exportsOrigin: string;
  /** Hive Gateway's own log: off unless asked for. */
  readonly logging?: boolean;
  /** More gateway plugins (tests record the subgraph requests with one). */
  readonly plugins?: readonly GatewayPlugin[];
}

/** A Hive Gateway serving the supergraph on `/graphql`. */
export interface RunningHiveGateway {
  /** Base URL (the origin clients reach). */
  readonly url: string;
  /** The supergraph's GraphQL endpoint. */
  readonly graphqlUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts Hive Gateway (the `@graphql-hive/gateway` runtime) over a supergraph, forwarding the
 * {@link forwardedHeaders} of each client request to every subgraph. In front of it, `/exports/`
 * goes to the Looker subgraph, as an ingress would route it: `exportUrl` links are relative, so a
 * client of the gateway resolves them against the gateway's origin.
 */
export async function startHiveGateway(options: HiveGatewayOptions): Promise<RunningHiveGateway> {
  const runtime = createGatewayRuntime({
    supergraph: options.supergraphSdl,
    logging: options.logging ?? false,
    // Hive Gateway's explorer and landing page load from a CDN: off (the subgraph serves GraphiQL itself).
    graphiql: false,
    landingPage: false,
    propagateHeaders: { fromClientToSubgraphs: ({ request }) => forwardedHeadersOf(request.headers) },
    plugins: () => [...(options.plugins ?? [])],
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/exports/')) routeToSubgraph(options.exportsOrigin, req, res);
    else void runtime(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host}:${port}`;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.dispose();
    },
  };
}
