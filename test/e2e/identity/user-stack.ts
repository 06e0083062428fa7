import { SignJWT, importJWK, type JWK, type JWTPayload } from 'jose';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import { loadConfig } from '../../../src/config';
import { generateSigningJwk } from '../../../src/demo/signing-keys';
import { createUserSessionProvider, type UserSessionProvider, type UserSessionProviderOptions } from '../../../src/identity';
import type { LookerSession } from '../../../src/looker/looker-session';
import type { RetryPolicy } from '../../../src/looker/retry-policy';
import { effectivePrincipal, type Policy } from '../../../src/policy';
import { buildServer, type SubgraphServer } from '../../../src/server';
import { createServiceLookerSession } from '../../../src/service-looker-session';
import { captureAudit, captureLogger } from '../../support/log-capture';
import { testAudience, testLookerSecret, type GraphQLAnswer, type LookerStats } from '../../support/subgraph-stack';
import { startIssuerApp, type IssuerApp } from '../auth/issuer-app';

/** Scopes of a caller who may read content, models and data. */
export const readEverything = 'looker:content:read looker:models:read looker:data:read';

/** Provider options a test may change; the stack supplies the service session and timeout. */
export type ProviderOverrides = Partial<Omit<UserSessionProviderOptions, 'service'>> & { readonly policy?: Policy };

/** Emulator + OIDC issuer + subgraph in per-user Looker identity mode, all real, on loopback ports. */
export interface UserStack {
  readonly url: string;
  readonly emulator: RunningEmulator;
  readonly issuer: IssuerApp;
  readonly server: SubgraphServer;
  /** The API (service) session the provider looks users up and logs them in with. */
  readonly service: LookerSession;
  readonly logLines: string[];
  /** Audit events written so far. */
  auditEvents(): Record<string, unknown>[];
  /** Every response body and header block the stack answered, for leak checks. */
  readonly responses: string[];
  /** A token signed by the issuer's key for `sub`, with every read scope unless `claims` say otherwise. */
  tokenFor(sub: string, claims?: JWTPayload): Promise<string>;
  /** Replaces the identity provider, so a test starts with empty mapping and token caches. */
  useProvider(overrides?: ProviderOverrides): UserSessionProvider;
  graphql(query: string, options?: { token?: string; variables?: Record<string, unknown> }): Promise<GraphQLAnswer>;
  lookerStats(): Promise<LookerStats>;
  /** Sends a control request to the emulator (`/__emulator/...`). */
  control(path: string, body?: unknown, method?: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the stack with `LOOKER_IDENTITY=user`, wiring the provider through `deps.lookerSessionFor`. */
export async function startUserStack(options: { engine: Engine; retry?: RetryPolicy; lookerTimeoutMs?: number }): Promise<UserStack> {
  const emulator = await startEmulator({ port: 0, engine: options.engine, clientSecret: testLookerSecret });
  const signingKey: JWK = await generateSigningJwk();
  const issuer = await startIssuerApp({ audience: testAudience, jwks: { keys: [signingKey] } });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LOOKERSDK_BASE_URL: emulator.url,
    LOOKERSDK_CLIENT_ID: 'looker-admin',
    LOOKERSDK_CLIENT_SECRET: testLookerSecret,
    LOOKERSDK_TIMEOUT: String((options.lookerTimeoutMs ?? 10_000) / 1000),
    LOOKER_IDENTITY: 'user',
    OIDC_ISSUER: issuer.issuer.issuer,
    OIDC_AUDIENCE: testAudience,
  });
  const service = createServiceLookerSession(config.looker);
  let provider: UserSessionProvider | undefined;
  let policy: Policy | undefined;
  const useProvider = (overrides: ProviderOverrides = {}) => {
    const { policy: chosen, ...providerOptions } = overrides;
    policy = chosen;
    provider = createUserSessionProvider({ service, timeoutMs: config.looker.timeoutMs, retry: options.retry, ...providerOptions });
    return provider;
  };
  useProvider();

  const { logger, lines } = captureLogger();
  const audit = captureAudit();
  const server = buildServer(config, {
    logger,
    auditSink: audit.sink,
    retry: options.retry,
    // The wiring the server does in per-user mode: the policy may name the caller's Looker user.
    lookerSessionFor: (principal) =>
      (provider as UserSessionProvider).sessionFor(principal, principal && policy ? effectivePrincipal(policy, principal).lookerUser : undefined),
  });
  const url = await server.listen(0, '127.0.0.1');
  const privateKey = await importJWK(signingKey, 'RS256');
  const responses: string[] = [];
  const callerTokens: string[] = [];

  const control = async (path: string, body?: unknown, method = 'POST') => {
    const response = await fetch(`${emulator.url}/__emulator/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator control ${path} failed: ${response.status}`);
  };

  return {
    url,
    emulator,
    issuer,
    server,
    service,
    logLines: lines,
    auditEvents: audit.events,
    responses,
    async tokenFor(sub, claims = {}) {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ iss: issuer.issuer.issuer, aud: testAudience, sub, scope: readEverything, iat: now, exp: now + 600, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, typ: 'at+jwt' })
        .sign(privateKey);
      callerTokens.push(token);
      return token;
    },
    useProvider,
    async graphql(query, { token, variables } = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      responses.push(JSON.stringify([...response.headers]), text);
      return { status: response.status, headers: response.headers, body: JSON.parse(text) as GraphQLAnswer['body'] };
    },
    async lookerStats() {
      const response = await fetch(`${emulator.url}/__emulator/stats`);
      return (await response.json()) as LookerStats;
    },
    control,
    async stop() {
      await server.stop();
      await issuer.close();
      const lookerTokens = emulator.issuedTokens();
      await emulator.stop();
      // Every suite on this stack is also a leak check: no Looker token (users' included), caller
      // token or client secret may appear in a response or a log line.
      const texts = [...responses, ...lines, ...audit.lines];
      for (const secret of [testLookerSecret, ...lookerTokens, ...callerTokens]) {
        const index = texts.findIndex((text) => text.includes(secret));
        if (index >= 0) throw new Error(`A credential leaked into captured output #${index}`);
      }
    },
  };
}
