import { createServer, type Server, type ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import type { Logger } from '../observability/logger';
import { guardConnections } from './connection-guard';
import type { FrontRequest } from './handler-chain';
import { assignRequestId } from './request-id';
import { httpServerOptions, type ConnectionBounds } from './server-options';

/** The public port: Node's HTTP server, Express for every route, and the GraphQL front once it is ready. */
export interface PublicServer {
  readonly app: Express;
  readonly httpServer: Server;
  /** Sends `POST /graphql` straight to `front`, past Express's router (from now on). */
  serveGraphQL(front: (req: FrontRequest, res: ServerResponse) => void): void;
}

/** Whether a request goes to the GraphQL front (`/graphql`, as Express's `app.use('/graphql')` matched it). */
function isGraphQLPath(url: string | undefined): boolean {
  if (url === undefined || !url.startsWith('/graphql')) return false;
  const rest = url.charCodeAt(8);
  // The path ends there, or goes on with `/`, or the query string begins.
  return Number.isNaN(rest) || rest === 0x2f || rest === 0x3f;
}

/**
 * The public HTTP server. Every request gets its request id first. `/graphql` is served by its
 * own handler chain on Node's request and response, ready once Apollo has started:
 * - operations (POST) go to it directly, so the hot path skips Express's router;
 * - every other request goes through Express, where mounted parts come first (GraphiQL answers a
 *   browser's GET /graphql) and the same chain ends the /graphql route.
 */
export function publicServer(bounds: ConnectionBounds, logger: Logger): PublicServer {
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are not revalidated by ETag (caches go by Cache-Control): hashing each body is work for nothing.
  app.set('etag', false);
  let graphqlFront: ((req: FrontRequest, res: ServerResponse) => void) | undefined;
  // Slow or idle clients are bounded (header and request timeouts, keep-alive, a connection cap).
  const httpServer = createServer(httpServerOptions(bounds), (req, res) => {
    assignRequestId(req, res);
    if (graphqlFront !== undefined && req.method === 'POST' && isGraphQLPath(req.url)) graphqlFront(req, res);
    else app(req, res);
  });
  // The cap, and what Node's timeouts leave open: a client that stops reading, idle connections at the cap.
  guardConnections(httpServer, bounds, logger);
  return {
    app,
    httpServer,
    serveGraphQL(front) {
      graphqlFront = front;
    },
  };
}
