import type { Request } from 'express';

/** Where MCP clients find how to get a token (RFC 9728's default location). */
export const resourceMetadataPath = '/.well-known/oauth-protected-resource';
/** The MCP endpoint. */
export const mcpPath = '/mcp';

/** Scopes a token for this resource may carry (the README's "Scopes"). */
export const scopesSupported = ['looker:content:read', 'looker:models:read', 'looker:data:read', 'looker:sql:read', 'looker:embed'] as const;

/**
 * This server's base URL as the client reached it. Behind a proxy that rewrites the host or ends
 * TLS, the proxy must pass the original `Host` (the scheme is taken as seen here).
 */
export function baseUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** The OAuth protected resource metadata of the MCP endpoint (RFC 9728 §2). */
export function resourceMetadata(baseUrl: string, authorizationServer: string | undefined) {
  return {
    resource: `${baseUrl}${mcpPath}`,
    authorization_servers: authorizationServer ? [authorizationServer] : [],
    scopes_supported: [...scopesSupported],
    bearer_methods_supported: ['header'],
    resource_name: 'Looker subgraph (MCP)',
  };
}
