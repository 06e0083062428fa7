import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { authRealm } from '../auth-gate-plugin';
import { authOf, requestIdOf, type FrontHandler } from '../http';
import type { Logger } from '../logger';
import { refusedMcpEvent } from './mcp-audit';
import type { McpBackend } from './mcp-backend';
import { createMcpServer } from './mcp-server';
import { baseUrlOf, mcpPath, resourceMetadata, resourceMetadataPath } from './resource-metadata';

/** Options of {@link mcpRouter}. */
export interface McpRouterOptions {
  readonly backend: McpBackend;
  /** The HTTP front's token check (the same middleware as `/graphql`'s): verifies once, before the body is read. */
  readonly authenticate: FrontHandler;
  /** The OIDC issuer tokens come from, named in the resource metadata (known late in the demo). */
  readonly authorizationServer: () => string | undefined;
  readonly logger: Logger;
}

/** A JSON-RPC error answer, as MCP clients read refusals of the transport. */
function jsonRpcError(message: string, code = -32000) {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}

/**
 * `POST /mcp` (MCP Streamable HTTP) and the protected resource metadata. Stateless: every request
 * gets its own server and transport, acting as the request's verified caller, so a token is
 * checked on every request, nothing ties a client to one replica, and nothing is kept between
 * requests. There is no server-to-client stream to offer, so `GET` (with a token) answers 405, as
 * the transport specification allows.
 */
export function mcpRouter(options: McpRouterOptions): Router {
  const router = express.Router();
  const metadata: RequestHandler = (req, res) => {
    res.json(resourceMetadata(baseUrlOf(req), options.authorizationServer()));
  };
  router.get(resourceMetadataPath, metadata);
  // RFC 9728 §3.1: the metadata of the resource `<base>/mcp` is also found with its path appended.
  router.get(`${resourceMetadataPath}${mcpPath}`, metadata);

  const requireCaller: RequestHandler = (req, res, next) => {
    const { principal, tokenRejection } = authOf(res);
    if (principal) {
      next();
      return;
    }
    const started = performance.now();
    const error = tokenRejection ? ', error="invalid_token"' : '';
    res
      .status(401)
      .set('www-authenticate', `Bearer realm="${authRealm}"${error}, resource_metadata="${baseUrlOf(req)}${resourceMetadataPath}"`)
      .json(jsonRpcError(tokenRejection ? 'Invalid access token' : 'Authentication required: send the OIDC access token as Authorization: Bearer'));
    options.backend.audit(
      refusedMcpEvent({ requestId: requestIdOf(res), principal: null, tool: undefined, outcome: 'unauthenticated', reason: tokenRejection ?? 'missing', status: 401, durationMs: performance.now() - started }),
    );
  };

  const serve: RequestHandler = async (req, res, next) => {
    if (req.method !== 'POST') {
      res.status(405).set('allow', 'POST').json(jsonRpcError('Method not allowed: this server answers POST only (stateless, no server-sent stream).'));
      return;
    }
    const { principal, lookerUser } = authOf(res);
    // requireCaller ran first: a principal is always there.
    if (!principal) return;
    const caller = { principal, lookerUser, requestId: requestIdOf(res) };
    const server = createMcpServer(options.backend, async () => caller);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (error) {
      next(error);
    }
  };

  // The answer to a body that is not JSON or too large, or to a failure: JSON-RPC, never Express's HTML page with the body.
  const errors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' && error.status < 500 ? error.status : 500;
    if (status >= 500) options.logger.error({ requestId: requestIdOf(res), err: error instanceof Error ? error.name : 'error' }, 'MCP request failed');
    if (res.headersSent) return;
    res.status(status).json(jsonRpcError(status === 413 ? 'Request body too large' : status < 500 ? 'Parse error: the body must be a JSON-RPC message' : 'Internal error', status < 500 ? -32700 : -32603));
  };

  router.all(mcpPath, options.authenticate, requireCaller, express.json({ limit: '1mb' }), serve, errors);
  return router;
}
