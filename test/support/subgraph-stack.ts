import { SignJWT, importJWK, type JWK, type JWTPayload } from 'jose';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import { createEngine } from '../../emulator/engine/create-engine';
import type { Engine } from '../../emulator/engine/types';
import { loadConfig, type Config } from '../../src/config';
import type { LookerSessionSource } from '../../src/looker-users';
import { generateSigningJwk } from '../../demo/signing-keys';
import type { LoaderOptions } from '../../src/loaders/loader-options';
import type { RetryPolicy } from '../../src/looker/retry-policy';
import { buildServer, type SubgraphServer } from '../../src/server';
import { accessTokenOf, requestToken, startIssuerApp, type IssuerApp } from '../e2e/auth/issuer-app';
import { captureAudit, captureLogger } from './log-capture';
import type { Policy } from '../../src/policy';

/** The audience the test issuer issues for and the subgraph expects. */
export const testAudience = 'looker-subgraph-test';
/** The Looker API3 secret the tests run with; no response or log may ever contain it. */
export const testLookerSecret = 'looker-admin-secret';

/** A GraphQL answer as a client sees it. */
export interface GraphQLAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

/** Call counts of the emulator's own counter. */
export interface LookerStats {
  readonly total: number;
  readonly byRoute: Record<string, number>;
}

/** Emulator + OIDC issuer + subgraph, all real, on loopback ports. */
export interface SubgraphStack {
  readonly url: string;
  readonly emulator: RunningEmulator;
  readonly issuer: IssuerApp;
  readonly server: SubgraphServer;
  /** Application log lines (JSON). */
  readonly logLines: string[];
  /** Audit events written so far. */
  auditEvents(): Record<string, unknown>[];
  /** Every response body and header block the stack answered, for leak checks. */
  readonly responses: string[];
  /** A token for one of the demo clients (`demo-viewer`, `demo-analyst`, `demo-admin`). */
  token(clientId: string): Promise<string>;
  /** A token signed with the issuer's own key but with claims of the test's choosing. */
  forgeToken(claims: JWTPayload): Promise<string>;
  graphql(query: string, options?: GraphQLOptions): Promise<GraphQLAnswer>;
  /**
   * Starts another replica of the subgraph on the same emulator and issuer, with the stack's
   * configuration plus `env` (e.g. the same REDIS_URL); the stack's stop() stops it too.
   */
  replica(env?: Record<string, string>): Promise<Replica>;
  lookerStats(): Promise<LookerStats>;
  resetLookerStats(): Promise<void>;
  /** Sends a control request to the emulator (`/__emulator/...`). */
  control(path: string, body?: unknown, method?: string): Promise<void>;
  /** Adds a credential (e.g. a rotated secret) to those `stop()` checks no output contains. */
  checkNoLeakOf(secret: string): void;
  stop(): Promise<void>;
}

/** What a GraphQL request of a test carries. */
export interface GraphQLOptions {
  readonly token?: string;
  readonly variables?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

/** A second subgraph process-alike on the stack's emulator and issuer. */
export interface Replica {
  readonly url: string;
  readonly logLines: string[];
  graphql(query: string, options?: GraphQLOptions): Promise<GraphQLAnswer>;
  stop(): Promise<void>;
}

/** Options of a test stack. */
export interface StackOptions {
  readonly engine?: Engine;
  readonly lookerTimeoutMs?: number;
  readonly retry?: RetryPolicy;
  readonly loaderOptions?: LoaderOptions;
  readonly policy?: { current(): Policy };
  /** Extra environment for `loadConfig` (e.g. AUDIT_LOG, POLICY_FILE). */
  readonly env?: Record<string, string>;
  /**
   * Reads the API3 secret from this file (`LOOKERSDK_CLIENT_SECRET_FILE`) instead of
   * `LOOKERSDK_CLIENT_SECRET`; the file must hold `testLookerSecret` when the stack starts.
   */
  readonly lookerSecretFile?: string;
  /** Builds the Looker session source from the stack's configuration (default: the server's own). */
  readonly lookerSessionFor?: (config: Config) => LookerSessionSource;
  /** Emulator behaviour: `flavor: 'core'` for Looker (Google Cloud core), `apiUserId` for a non-admin API user. */
  readonly emulator?: Pick<EmulatorOptions, 'flavor' | 'apiUserId'>;
}

/** A shared engine for a test file: building the data set once keeps suites fast. */
export function createTestEngine(): Promise<Engine> {
  return createEngine({ seed: 7, referenceDate: new Date('2026-06-15T00:00:00Z') });
}

/** Starts the whole stack on free ports. */
export async function startSubgraphStack(options: StackOptions = {}): Promise<SubgraphStack> {
  // One data set per stack unless the test shares one between stacks; the emulator closes its own.
  const emulator = await startEmulator({
    port: 0,
    engine: options.engine ?? (await createTestEngine()),
    clientSecret: testLookerSecret,
    ...options.emulator,
  });
  const ownsEngine = options.engine === undefined;
  const signingKey: JWK = await generateSigningJwk();
  const issuer = await startIssuerApp({ audience: testAudience, jwks: { keys: [signingKey] } });
  const baseEnv: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LOOKERSDK_BASE_URL: emulator.url,
    LOOKERSDK_CLIENT_ID: 'looker-admin',
    ...(options.lookerSecretFile
      ? { LOOKERSDK_CLIENT_SECRET_FILE: options.lookerSecretFile }
      : { LOOKERSDK_CLIENT_SECRET: testLookerSecret }),
    LOOKERSDK_TIMEOUT: String((options.lookerTimeoutMs ?? 10_000) / 1000),
    OIDC_ISSUER: issuer.issuer.issuer,
    OIDC_AUDIENCE: testAudience,
    // Suites count Looker calls per operation: the shared cache is off unless a suite turns it on.
    CACHE_METADATA_TTL: '0',
    CACHE_RESULT_TTL: '0',
    // Likewise results run synchronously, as one call each, unless a suite turns query tasks on.
    LOOKER_RESULT_TASKS: 'false',
    ...options.env,
  };
  const config = loadConfig(baseEnv);
  const { logger, lines } = captureLogger();
  const audit = captureAudit();
  // With AUDIT_LOG set, the server writes its own file sink, as in production.
  const auditSink = config.auditLog ? undefined : audit.sink;
  const server = buildServer(config, {
    logger,
    auditSink,
    retry: options.retry,
    loaderOptions: options.loaderOptions,
    policy: options.policy,
    lookerSessionFor: options.lookerSessionFor?.(config),
  });
  const url = await server.listen(0, '127.0.0.1');
  const privateKey = await importJWK(signingKey, 'RS256');
  const responses: string[] = [];
  const issuedTokens: string[] = [];
  const otherSecrets: string[] = [];
  const remember = (token: string) => {
    issuedTokens.push(token);
    return token;
  };

  const graphqlAt =
    (base: string) =>
    async (query: string, { token, variables, headers }: GraphQLOptions = {}): Promise<GraphQLAnswer> => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      responses.push(JSON.stringify([...response.headers]), text);
      return { status: response.status, headers: response.headers, body: JSON.parse(text) as GraphQLAnswer['body'] };
    };
  const replicas: { stop: () => Promise<void>; lines: string[] }[] = [];

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
    logLines: lines,
    auditEvents: audit.events,
    responses,
    token: async (clientId) =>
      remember(accessTokenOf(await requestToken(issuer.tokenEndpoint, clientId, 'demo-secret'))),
    forgeToken: async (claims) =>
      remember(
        await new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, typ: 'at+jwt' })
          .sign(privateKey),
      ),
    graphql: graphqlAt(url),
    async replica(env = {}) {
      const replicaLog = captureLogger();
      const replicaServer = buildServer(loadConfig({ ...baseEnv, ...env }), {
        logger: replicaLog.logger,
        auditSink: audit.sink,
        retry: options.retry,
        loaderOptions: options.loaderOptions,
        policy: options.policy,
      });
      const replicaUrl = await replicaServer.listen(0, '127.0.0.1');
      const replica = {
        url: replicaUrl,
        logLines: replicaLog.lines,
        graphql: graphqlAt(replicaUrl),
        stop: () => replicaServer.stop(),
      };
      replicas.push({ stop: replica.stop, lines: replicaLog.lines });
      return replica;
    },
    async lookerStats() {
      const response = await fetch(`${emulator.url}/__emulator/stats`);
      return (await response.json()) as LookerStats;
    },
    // Counters only: content written by the test stays.
    resetLookerStats: () => control('reset', { content: false }),
    control,
    checkNoLeakOf: (secret) => {
      otherSecrets.push(secret);
    },
    async stop() {
      for (const replica of replicas) await replica.stop();
      await server.stop();
      await issuer.close();
      const lookerTokens = emulator.issuedTokens();
      await emulator.stop();
      if (ownsEngine) await emulator.engine.close();
      // Every suite that runs on this stack is also a leak check: no credential may appear in
      // any response or in any application or audit log line.
      assertNoSecrets(
        [...responses, ...lines, ...replicas.flatMap((r) => r.lines), ...audit.lines],
        [testLookerSecret, ...otherSecrets, ...issuedTokens, ...lookerTokens],
      );
    },
  };
}

/** Fails when any of `secrets` appears in any of `texts`; names where, never the secret itself. */
export function assertNoSecrets(texts: readonly string[], secrets: readonly string[]): void {
  for (const secret of secrets) {
    const index = texts.findIndex((text) => text.includes(secret));
    if (index >= 0)
      throw new Error(
        `A credential (${secret.length} characters) leaked into captured output #${index}: ${texts[index]?.slice(0, 200)}`,
      );
  }
}
