/**
 * The part of `oidc-provider` 9 that the demo issuer uses. The package ships no type definitions;
 * these follow its documentation (docs/README.md of panva/node-oidc-provider) and its source.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** Static client registration metadata (RFC 7591 names). */
  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    grant_types?: string[];
    response_types?: string[];
    redirect_uris?: string[];
    token_endpoint_auth_method?: string;
    scope?: string;
    [key: string]: unknown;
  }

  /** A registered client as the provider sees it. */
  export interface Client {
    readonly clientId: string;
  }

  /** Request parameters after oidc-provider parsed and filtered them. */
  export interface RequestParams {
    grant_type?: string;
    scope?: string;
    resource?: string | string[];
    [key: string]: unknown;
  }

  /** `ctx.oidc`: the OIDC part of a request context. */
  export interface OIDCContext {
    readonly route: string;
    readonly params?: RequestParams;
    readonly client?: Client;
  }

  /** The Koa context oidc-provider passes to configuration functions. */
  export interface KoaContextWithOIDC {
    readonly oidc: OIDCContext;
  }

  /** What `getResourceServerInfo` returns for a resource indicator. */
  export interface ResourceServerInfo {
    scope: string;
    audience?: string;
    accessTokenTTL?: number;
    accessTokenFormat?: 'opaque' | 'jwt';
    jwt?: { sign?: { alg?: string; kid?: string } };
  }

  /** An access token or client credentials token being issued. */
  export interface IssuedToken {
    readonly clientId?: string;
    readonly resourceServer?: { readonly accessTokenTTL?: number };
  }

  /** A stored artefact (session, grant, interaction...), as handed to an adapter. */
  export interface AdapterPayload {
    uid?: string;
    userCode?: string;
    grantId?: string;
    consumed?: number;
    [key: string]: unknown;
  }

  /** Storage for the provider's stateful artefacts, one instance per model name. */
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  /** Provider configuration (only the members the demo sets). */
  export interface Configuration {
    adapter?: new (name: string) => Adapter;
    clients?: ClientMetadata[];
    jwks?: { keys: Array<Record<string, unknown>> };
    features?: {
      devInteractions?: { enabled: boolean };
      clientCredentials?: { enabled: boolean };
      introspection?: { enabled: boolean };
      revocation?: { enabled: boolean };
      resourceIndicators?: {
        enabled: boolean;
        defaultResource?: (
          ctx: KoaContextWithOIDC,
          client: Client,
          oneOf?: string[],
        ) => string | string[] | undefined | Promise<string | string[] | undefined>;
        useGrantedResource?: (ctx: KoaContextWithOIDC, model: unknown) => boolean | Promise<boolean>;
        getResourceServerInfo?: (
          ctx: KoaContextWithOIDC,
          resourceIndicator: string,
          client: Client,
        ) => ResourceServerInfo | Promise<ResourceServerInfo>;
      };
    };
    extraTokenClaims?: (
      ctx: KoaContextWithOIDC,
      token: IssuedToken,
    ) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;
    clientBasedCORS?: (ctx: KoaContextWithOIDC, origin: string, client: Client) => boolean;
    ttl?: Record<string, number | ((ctx: KoaContextWithOIDC, token: IssuedToken, client: Client) => number)>;
    [key: string]: unknown;
  }

  /** The authorization server; also a Koa application. */
  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    /** Trust `X-Forwarded-*` headers (Koa's `proxy`). */
    proxy: boolean;
    /** A Node request listener serving every endpoint; mount it under the issuer's path. */
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  /** OAuth error classes; throwing one from a configuration function answers with that error. */
  export namespace errors {
    class OIDCProviderError extends Error {
      readonly error: string;
      readonly error_description?: string;
      readonly status: number;
    }
    class InvalidTarget extends OIDCProviderError {
      constructor(description?: string);
    }
  }

  export default Provider;
}
