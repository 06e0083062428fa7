import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Client, Configuration, KoaContextWithOIDC, Provider, ResourceServerInfo } from 'oidc-provider';
import { demoClients, type DemoClient } from './demo-clients';
import { createMemoryAdapter } from './memory-adapter';
import { generateSigningJwk, type SigningKeySet } from './signing-keys';

/** Options of {@link createDemoIssuer}. */
export interface DemoIssuerOptions {
  /** The issuer identifier, including the mount path: `http://127.0.0.1:4000/oidc`. */
  readonly issuer: string;
  /** The `aud` of every access token: the audience the subgraph expects. */
  readonly audience: string;
  /** Registered clients; default {@link demoClients}. */
  readonly clients?: readonly DemoClient[];
  /** Access token lifetime in seconds; default one hour. */
  readonly accessTokenTtlSeconds?: number;
  /** Private signing keys (the first RS256 key signs); default one key generated now. */
  readonly jwks?: SigningKeySet;
  /** Called with unexpected errors inside the provider (its 500s), which are otherwise silent. */
  readonly onServerError?: (error: unknown) => void;
}

/** A running demo issuer, ready to be mounted at its issuer path. */
export interface DemoIssuer {
  /** The issuer identifier: what tokens carry in `iss` and where discovery lives. */
  readonly issuer: string;
  /** The `aud` its access tokens carry. */
  readonly audience: string;
  /** The RFC 8707 resource indicator that stands for {@link audience} at the token endpoint. */
  readonly resource: string;
  /** The underlying oidc-provider instance (a Koa application). */
  readonly provider: Provider;
  /** A Node request listener: `app.use('/oidc', issuer.callback)` with express. */
  readonly callback: (req: IncomingMessage, res: ServerResponse) => void;
}

const DEFAULT_TTL_SECONDS = 60 * 60;
const UNSUPPORTED_RUNTIME_NOTICE = 'oidc-provider WARNING: Unsupported runtime';

/**
 * Creates a demo OpenID Provider that issues JWT access tokens by the `client_credentials` grant.
 *
 * Mount it with `app.use(new URL(issuer).pathname, demo.callback)`; express strips the prefix and
 * oidc-provider recovers it from `req.originalUrl`, so discovery and JWKS URLs come out under the
 * prefix. Endpoints: `/.well-known/openid-configuration`, `/jwks`, `/token`.
 *
 * Tokens: `sub` and `client_id` = the client id, `scope`, `groups` (and `countries` for clients that
 * have them), `aud` = the audience, typ
 * `at+jwt`, RS256. A token request without `scope` is granted every scope of the client (RFC 6749
 * §3.3 lets the server define that default); with `scope`, the requested scopes the client may have
 * (others are dropped, not refused). Clients authenticate with `client_secret_basic` or
 * `client_secret_post`.
 */
export async function createDemoIssuer(options: DemoIssuerOptions): Promise<DemoIssuer> {
  const clients = new Map((options.clients ?? demoClients).map((c) => [c.clientId, c]));
  const ttl = options.accessTokenTtlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new TypeError('accessTokenTtlSeconds must be a positive integer');
  const resource = resourceIndicatorFor(options.audience);
  const jwks = options.jwks ?? { keys: [await generateSigningJwk()] };

  const scopesOf = (client: Client): readonly string[] => clients.get(client.clientId)?.scopes ?? [];
  const { Provider, errors } = await importOidcProvider();

  const configuration: Configuration = {
    adapter: createMemoryAdapter(),
    clients: [...clients.values()].map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      // Registered as basic; oidc-provider accepts client_secret_post from the same client too.
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: jwks.keys.map((key) => ({ ...key })) },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo(ctx, indicator, client): ResourceServerInfo {
          if (indicator !== resource) throw new errors.InvalidTarget();
          const scopes = scopesOf(client);
          grantAllScopesWhenNoneRequested(ctx, scopes);
          return {
            scope: scopes.join(' '),
            audience: options.audience,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims(_ctx, token) {
      const client = token.clientId === undefined ? undefined : clients.get(token.clientId);
      if (client === undefined) return undefined;
      return { groups: [...client.groups], ...(client.countries && { countries: [...client.countries] }) };
    },
    // The token endpoint is for servers and curl; no browser origin needs CORS access to it.
    // A browser's same-origin POST (the GraphiQL identity picker) carries an Origin header.
    clientBasedCORS: (_ctx, origin) => origin === new URL(options.issuer).origin,
    ttl: { AccessToken: ttl, ClientCredentials: ttl },
  };

  const provider = new Provider(options.issuer, configuration);
  const { onServerError } = options;
  if (onServerError !== undefined) provider.on('server_error', (_ctx, error) => onServerError(error));
  const listener = provider.callback();
  return {
    issuer: options.issuer,
    audience: options.audience,
    resource,
    provider,
    callback: (req, res) => void listener(req, res),
  };
}

/**
 * oidc-provider reads the scope of a client_credentials request before it consults anything we
 * configure, and offers no per-client default scope. This hook runs in between (while the resource
 * is resolved, before scopes are checked), so it fills in the client's scopes when the request
 * named none. A request that names scopes is left alone and filtered against the client's scopes.
 */
function grantAllScopesWhenNoneRequested(ctx: KoaContextWithOIDC, scopes: readonly string[]): void {
  const { route, params } = ctx.oidc;
  if (route === 'token' && params?.grant_type === 'client_credentials' && params.scope === undefined) {
    params.scope = scopes.join(' ');
  }
}

/**
 * Resource indicators must be absolute URIs (RFC 8707 §2); an audience such as `looker-subgraph`
 * is not one, so it is carried as `urn:<audience>` and the token's `aud` is the plain audience.
 */
function resourceIndicatorFor(audience: string): string {
  if (audience === '') throw new TypeError('audience must not be empty');
  const parsed = URL.parse(audience);
  return parsed !== null && !audience.includes('#') ? audience : `urn:${encodeURIComponent(audience)}`;
}

/**
 * Loads oidc-provider on first use. On Node 20 it prints "Unsupported runtime" on import (it
 * prefers Node 22) although it runs fine here; that one line is dropped so the demo starts quietly.
 */
async function importOidcProvider(): Promise<typeof import('oidc-provider')> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes(UNSUPPORTED_RUNTIME_NOTICE)) return;
    warn(...args);
  };
  try {
    return await import('oidc-provider');
  } finally {
    console.warn = warn;
  }
}
