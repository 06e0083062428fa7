import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express, { type ErrorRequestHandler, type RequestHandler, type Response, type Router } from 'express';
import { tokenChallenge } from '../errors';
import { authOf, clientGoneSignal, requestIdOf, type FrontHandler } from '../http';
import type { Logger } from '../observability/logger';
import type { RequestBudget } from '../looker/looker-client';
import { refusedMcpEvent } from './mcp-audit';
import type { McpBackend } from './mcp-backend';
import { createMcpServer } from './mcp-server';
import { originCheck } from './origin-check';
import { baseUrlOf, hasWellFormedHost, mcpPath, resourceMetadata, resourceMetadataPath } from './resource-metadata';
import { SharedBudget } from './shared-budget';

/** Options of {@link mcpRouter}. */
export interface McpRouterOptions {
  readonly backend: McpBackend;
  /** The HTTP front's token check (the same middleware as `/graphql`'s): verifies once, before the body is read. */
  readonly authenticate: FrontHandler;
  /** The OIDC issuer tokens come from, named in the resource metadata (known late in the demo). */
  readonly authorizationServer: () => string | undefined;
  /** This server's base URL as clients reach it (`PUBLIC_URL`); without it, the request's well-formed `Host`. */
  readonly publicUrl: string | undefined;
  /** Browser origins served besides the public URL's own (`MCP_ALLOWED_ORIGINS`). */
  readonly allowedOrigins: readonly string[];
  /** Tool calls one request may carry (`MCP_MAX_TOOL_CALLS`). */
  readonly maxToolCalls: number;
  /** The Looker budget of one request, shared by its tool calls (`LOOKER_REQUEST_MAX_CALLS`, `LOOKER_REQUEST_MAX_ROWS`). */
  readonly budget: RequestBudget;
  readonly logger: Logger;
}

/** A JSON-RPC error answer, as MCP clients read refusals of the transport. */
function jsonRpcError(message: string, code = -32000) {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}

/** The `tools/call` requests among the JSON-RPC messages of a body (one message, or a batch). */
function toolCallCount(body: unknown): number {
  const messages: unknown[] = Array.isArray(body) ? body : [body];
  return messages.filter(
    (m) => typeof m === 'object' && m !== null && (m as { method?: unknown }).method === 'tools/call',
  ).length;
}

/**
 * `POST /mcp` (MCP Streamable HTTP) and the protected resource metadata. Stateless: every request
 * gets its own server and transport, acting as the request's verified caller, so a token is
 * checked on every request, nothing ties a client to one replica, and nothing is kept between
 * requests. There is no server-to-client stream to offer, so `GET` (with a token) answers 405, as
 * the transport specification allows. Before anything runs, a request must name a well-formed
 * `Host` and come from no browser or an allowed origin; its tool calls are bounded in number and
 * share one Looker budget.
 */
export function mcpRouter(options: McpRouterOptions): Router {
  const router = express.Router();
  const originAllowed = originCheck(options.allowedOrigins, options.publicUrl);

  const metadata: RequestHandler = (req, res) => {
    // Tiny, read once when a client discovers the server, and (without PUBLIC_URL) built from the
    // request's Host. No cache, shared or private, keeps it for another request.
    res.set('cache-control', 'no-store');
    if (!hasWellFormedHost(req)) {
      res.status(400).json({ error: 'invalid_request', error_description: 'The Host header must be hostname[:port]' });
      return;
    }
    res.json(resourceMetadata(baseUrlOf(req, options.publicUrl), options.authorizationServer()));
  };
  router.get(resourceMetadataPath, metadata);
  // RFC 9728 §3.1: the metadata of the resource `<base>/mcp` is also found with its path appended.
  router.get(`${resourceMetadataPath}${mcpPath}`, metadata);

  /** Ends a request refused before any tool ran, with its one audit event. */
  const refuse = (
    res: Response,
    started: number,
    status: number,
    reason: string,
    body: unknown,
    outcome: 'refused' | 'unauthenticated' = 'refused',
  ) => {
    res.status(status).json(body);
    options.backend.audit(
      refusedMcpEvent({
        requestId: requestIdOf(res),
        principal: authOf(res).principal ?? null,
        tool: undefined,
        outcome,
        reason,
        status,
        durationMs: performance.now() - started,
      }),
    );
  };

  const checkHeaders: RequestHandler = (req, res, next) => {
    const started = performance.now();
    if (!hasWellFormedHost(req)) {
      refuse(res, started, 400, 'host', jsonRpcError('Bad Request: the Host header must be hostname[:port]'));
      return;
    }
    if (!originAllowed(req.headers.origin)) {
      refuse(
        res,
        started,
        403,
        'origin',
        jsonRpcError(
          'Forbidden: requests from this Origin are not allowed (MCP_ALLOWED_ORIGINS lists the browser origins this server answers)',
        ),
      );
      return;
    }
    next();
  };

  const requireCaller: RequestHandler = (req, res, next) => {
    const { principal, tokenRejection } = authOf(res);
    if (principal) {
      next();
      return;
    }
    const started = performance.now();
    res.set(
      'www-authenticate',
      tokenChallenge(tokenRejection !== undefined, {
        resourceMetadata: `${baseUrlOf(req, options.publicUrl)}${resourceMetadataPath}`,
      }),
    );
    refuse(
      res,
      started,
      401,
      tokenRejection ?? 'missing',
      jsonRpcError(
        tokenRejection
          ? 'Invalid access token'
          : 'Authentication required: send the OIDC access token as Authorization: Bearer',
      ),
      'unauthenticated',
    );
  };

  const boundToolCalls: RequestHandler = (req, res, next) => {
    if (toolCallCount(req.body) <= options.maxToolCalls) {
      next();
      return;
    }
    const message = `Invalid Request: at most ${options.maxToolCalls} tool calls in one request; send the others in further requests`;
    refuse(res, performance.now(), 400, 'too_many_tool_calls', jsonRpcError(message, -32600));
  };

  const serve: RequestHandler = async (req, res, next) => {
    if (req.method !== 'POST') {
      res
        .status(405)
        .set('allow', 'POST')
        .json(jsonRpcError('Method not allowed: this server answers POST only (stateless, no server-sent stream).'));
      return;
    }
    const { principal, lookerUser } = authOf(res);
    // requireCaller ran first: a principal is always there.
    if (!principal) return;
    const caller = {
      principal,
      lookerUser,
      requestId: requestIdOf(res),
      budget: new SharedBudget(options.budget),
      signal: clientGoneSignal(res),
    };
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
    const status =
      typeof error === 'object' &&
      error !== null &&
      'status' in error &&
      typeof error.status === 'number' &&
      error.status < 500
        ? error.status
        : 500;
    if (status >= 500)
      options.logger.error(
        { requestId: requestIdOf(res), err: error instanceof Error ? error.name : 'error' },
        'MCP request failed',
      );
    if (res.headersSent) return;
    res
      .status(status)
      .json(
        jsonRpcError(
          status === 413
            ? 'Request body too large'
            : status < 500
              ? 'Parse error: the body must be a JSON-RPC message'
              : 'Internal error',
          status < 500 ? -32700 : -32603,
        ),
      );
  };

  router.all(
    mcpPath,
    options.authenticate,
    checkHeaders,
    requireCaller,
    express.json({ limit: '1mb' }),
    boundToolCalls,
    serve,
    errors,
  );
  return router;
}
