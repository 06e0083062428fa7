import type { Router } from 'express';
import type { Config } from '../config';
import type { FrontHandler } from '../http';
import { mcpRouter, type McpBackend } from '../mcp';
import type { Logger } from '../observability/logger';

/**
 * `/mcp`, the agents' door: the same token check as `/graphql`, then tools that run fixed
 * operations on this schema, in process.
 */
export function mcpDoor(
  config: Config,
  parts: {
    readonly backend: McpBackend;
    readonly authenticate: FrontHandler;
    /** The OIDC issuer named in the resource metadata; default `config.oidc.issuer`. */
    readonly authorizationServer: (() => string | undefined) | undefined;
    readonly logger: Logger;
  },
): Router {
  return mcpRouter({
    backend: parts.backend,
    authenticate: parts.authenticate,
    authorizationServer: parts.authorizationServer ?? (() => config.oidc.issuer),
    publicUrl: config.publicUrl,
    allowedOrigins: config.mcp.allowedOrigins,
    maxToolCalls: config.mcp.maxToolCalls,
    budget: config.limits.budget,
    logger: parts.logger,
  });
}
