import type { Request } from 'express';

/** Where MCP clients find how to get a token (RFC 9728's default location). */
export const resourceMetadataPath = '/.well-known/oauth-protected-resource';
/** The MCP endpoint. */
export const mcpPath = '/mcp';

/** Scopes a token for this resource may carry (docs/production.md, "Scopes"). */
export const scopesSupported = [
  'looker:content:read',
  'looker:models:read',
  'looker:data:read',
  'looker:sql:read',
  'looker:embed',
] as const;

// RFC 9110 §7.2 `uri-host [ ":" port ]`, narrowed to what names a server: a host name or IPv4
// address (dot-separated labels of letters, digits, hyphens and underscores, which container
// service names may use), or a bracketed IPv6 address. No quote, space or comma gets through.
const hostHeader =
  /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

/** Whether the request's `Host` is a well-formed `hostname[:port]` (a client must send one; RFC 9112 §3.2 answers 400 otherwise). */
export function hasWellFormedHost(req: Request): boolean {
  const host = req.headers.host;
  if (host === undefined || host.length > 260 || !hostHeader.test(host)) return false;
  const port = /:(\d+)$/.exec(host)?.[1];
  return port === undefined || Number(port) <= 65535;
}

/**
 * This server's base URL as clients reach it: the configured public URL (`PUBLIC_URL`), else the
 * scheme as seen here and the request's `Host`, which the caller has checked with
 * {@link hasWellFormedHost}. Behind a proxy that rewrites the host or ends TLS, set the public URL.
 */
export function baseUrlOf(req: Request, publicUrl: string | undefined): string {
  return publicUrl ?? `${req.protocol}://${req.headers.host ?? ''}`;
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
