import { z } from 'zod';
import type { FairnessSettings } from '../limits';
import { CredentialFileError, readCredentialFileSync } from '../files';
import { defaultPolicyReadTimeoutMs } from '../policy';
import { Secret } from './secret';

/** How the subgraph identifies itself to Looker. */
export type LookerIdentity = 'service' | 'user';

/** Validated, frozen configuration. The only place that reads `process.env` is `loadConfig`. */
export interface Config {
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  /** On SIGTERM, how long in-flight requests may take to finish before their connections are closed. */
  readonly shutdownGraceMs: number;
  /** On SIGTERM, how long the server goes on serving with readiness 503, so load balancers stop sending first. */
  readonly shutdownDrainMs: number;
  /**
   * Bounds on client connections:
   * - time to send the headers, and the whole request;
   * - how long an idle keep-alive connection is kept: above a load balancer's idle timeout, so it
   *   closes first;
   * - how long an answer may wait for a client that does not read it;
   * - how many connections are open at once.
   */
  readonly http: {
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly sendTimeoutMs: number;
    readonly maxConnections: number;
  };
  /** Where the operator routes (`POST /admin/cache/flush`) listen: their own port, else the public one. */
  readonly operator: { readonly port: number; readonly host: string } | undefined;
  readonly introspection: boolean;
  readonly auditLog: string | undefined;
  /** Key of the audit trail's hash chain (HMAC-SHA-256); without it the chain is plain SHA-256. */
  readonly auditHmacKey: Secret | undefined;
  readonly policyFile: string | undefined;
  /** How long one reload of the policy file may take before it fails and the last good policy stays. */
  readonly policyReadTimeoutMs: number;
  /**
   * Trusted documents (persisted operations): the manifest file and the mode. `off` runs any
   * document; `allow` also runs registered ones by id; `enforce` runs registered ones only.
   */
  readonly trustedDocuments: { readonly file: string | undefined; readonly mode: 'off' | 'allow' | 'enforce' };
  /**
   * Batch and de-duplicate Looker calls (always on in service; `LOADER_BATCHING=false` exists so
   * benchmarks can measure what the loaders save).
   */
  readonly loaderBatching: boolean;
  /** Browser origins allowed to call the GraphQL endpoint directly (CORS); none by default. */
  readonly corsOrigins: readonly string[];
  /**
   * The subgraph's base URL as clients reach it (`PUBLIC_URL`, no trailing slash), e.g. behind a
   * proxy: what the MCP resource metadata names, its origin the one same origin of `/mcp`, and the
   * base of export links unless `EXPORT_BASE_URL` says otherwise. Without it, the MCP metadata
   * follows the request's `Host` (when that is a well-formed host).
   */
  readonly publicUrl: string | undefined;
  /** The MCP endpoint: browser origins it serves besides the public URL's, and tool calls one request may carry. */
  readonly mcp: { readonly allowedOrigins: readonly string[]; readonly maxToolCalls: number };
  /** Bounds on one operation, checked before anything runs. */
  readonly limits: {
    readonly depth: number;
    readonly aliases: number;
    readonly cost: number;
    /** Estimated Looker calls and result rows an operation may cost, checked before it runs. */
    readonly lookerCalls: number;
    readonly rows: number;
    /** Lexical tokens of one document, enforced by the parser (`GRAPHQL_MAX_TOKENS`). */
    readonly tokens: number;
    /** Directives in one operation, fragments included (`GRAPHQL_MAX_DIRECTIVES`). */
    readonly directives: number;
    /** What one request may really spend; beyond it, further Looker calls fail with LOOKER_BUDGET_EXCEEDED. */
    readonly budget: { readonly maxCalls: number; readonly maxRows: number };
    /** Rows one result holds at most (`MAX_RESULT_ROWS`); more are cut and the result says `truncated`. */
    readonly maxResultRows: number;
  };
  /** The shared cache of Looker answers (TTL 0 turns a kind off) and its Redis second level. */
  readonly cache: {
    readonly metadataTtlSeconds: number;
    readonly resultTtlSeconds: number;
    readonly memoryMegabytes: number;
    readonly redisUrl: Secret | undefined;
    /** How long one Redis command may take before the caller goes on without Redis. */
    readonly redisCommandTimeoutMs: number;
    /** The credential of `POST /admin/cache/flush`; without it, no flush endpoint. */
    readonly operatorToken: Secret | undefined;
    /** `Cache-Control` scope of cacheable answers: `public` only behind a router that enforces the same scopes. */
    readonly cacheControlScope: 'private' | 'public';
  };
  /** How Looker's capacity is shared between callers (per subject, per lane, circuit breaker). */
  readonly fairness: FairnessSettings;
  /**
   * Prometheus metrics server (`METRICS_PORT`, `METRICS_HOST`; none without a port) and
   * OpenTelemetry tracing (OTLP/HTTP export only with an endpoint).
   */
  readonly observability: {
    readonly metrics: { readonly port: number; readonly host: string } | undefined;
    readonly otlpEndpoint: string | undefined;
    readonly serviceName: string;
  };
  /**
   * The credential the gateway (router) sends in `x-gateway-secret`. Only the gateway may receive
   * `ftv1` traces, and it may fetch `_service` without a token when introspection is off.
   */
  readonly gatewaySecret: Secret | undefined;
  /**
   * Queries that outlast the synchronous wait: a result whose run has not answered within
   * `syncWaitMs` runs as a Looker query task, polled until `deadlineMs` after it started. Task ids
   * handed to callers are signed with `secret` (`QUERY_TASK_SECRET`), or with a key made at start.
   */
  readonly queryTasks: {
    /** Whether look and tile results that outlast `syncWaitMs` become query tasks (else they fail at LOOKERSDK_TIMEOUT). */
    readonly forSlowResults: boolean;
    readonly syncWaitMs: number;
    /** The most a query task may run, a result's or one `startQuery` started; then it is killed. */
    readonly deadlineMs: number;
    /** Query tasks one caller (`sub`) may have running from `startQuery` (`LOOKER_SUBJECT_MAX_TASKS`), across replicas with Redis. */
    readonly maxPerSubject: number;
    readonly secret: Secret | undefined;
  };
  /**
   * Export links (`exportUrl`):
   * - sealed with `secret` (`EXPORT_SECRET`), or a key made at start;
   * - valid `linkTtlSeconds`;
   * - absolute under `baseUrl` when set, else relative;
   * - bodies of at most `maxBytes`.
   */
  readonly exports: {
    readonly secret: Secret | undefined;
    readonly linkTtlSeconds: number;
    readonly baseUrl: string | undefined;
    readonly maxBytes: number;
  };
  /**
   * Writes (mutations): each caller's rate (`ratePerMinute`, across replicas with Redis; 0 = off),
   * how long an `idempotencyKey` answers its first create's result, and the most tiles a dashboard
   * may have.
   */
  readonly writes: {
    readonly ratePerMinute: number;
    readonly idempotencyTtlSeconds: number;
    readonly maxDashboardTiles: number;
  };
  /** Set when neither Looker nor OIDC is configured outside production: run the demo stack. */
  readonly demo: { readonly emulatorPort: number } | undefined;
  readonly looker: {
    readonly baseUrl: string;
    readonly clientId: string;
    readonly clientSecret: Secret;
    /** `LOOKERSDK_CLIENT_ID_FILE`: the file `clientId` was read from; re-read when it changes. */
    readonly clientIdFile: string | undefined;
    /** `LOOKERSDK_CLIENT_SECRET_FILE`: the file `clientSecret` was read from; re-read when it changes. */
    readonly clientSecretFile: string | undefined;
    readonly verifySsl: boolean;
    readonly timeoutMs: number;
    /** Deadline of metadata calls, at most `timeoutMs` (`LOOKER_METADATA_TIMEOUT`). */
    readonly metadataTimeoutMs: number;
    /** Most Looker calls in flight at once, across all requests: protects Looker from bursts. */
    readonly maxConcurrency: number;
    readonly identity: LookerIdentity;
    /** Per-user mode: how a caller maps to a Looker user. */
    readonly userMapping: { readonly by: 'embed' | 'email'; readonly emailClaim: string };
  };
  readonly oidc: {
    readonly issuer: string;
    readonly audience: string;
    readonly jwksUri: string | undefined;
    readonly algorithms: readonly string[];
    readonly scopeClaim: string | undefined;
    /** Refuse anything but access tokens (`typ` at+jwt/JWT/absent; no ID-token claims). */
    readonly requireAccessTokenType: boolean;
  };
}

/** Thrown when the environment is invalid; its message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The audience demo tokens are issued for, and that the demo subgraph expects. */
export const demoAudience = 'looker-subgraph';
/** API3 credentials of the embedded emulator's admin user. */
export const demoLookerCredentials = { clientId: 'looker-admin', clientSecret: 'looker-admin-secret' } as const;

const asymmetricAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(0).max(65535);
const url = z.url({ protocol: /^https?$/ });

/** Every environment variable the server reads, validated at start; `docs/configuration.md` documents each. */
export const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  HOST: z.string().min(1).optional(),
  PORT: port.default(4000),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  HTTP_HEADERS_TIMEOUT: z.coerce.number().min(1).max(600).default(10),
  HTTP_REQUEST_TIMEOUT: z.coerce.number().min(1).max(3600).default(30),
  HTTP_KEEP_ALIVE_TIMEOUT: z.coerce.number().min(1).max(3600).default(65),
  HTTP_SEND_TIMEOUT: z.coerce.number().min(1).max(3600).default(30),
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1024),
  OPERATOR_PORT: port.optional(),
  OPERATOR_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INTROSPECTION: boolean.optional(),
  AUDIT_LOG: z.string().min(1).optional(),
  AUDIT_HMAC_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  AUDIT_HMAC_KEY_FILE: z.string().min(1).optional(),
  POLICY_FILE: z.string().min(1).optional(),
  POLICY_READ_TIMEOUT: z.coerce
    .number()
    .positive()
    .max(600)
    .default(defaultPolicyReadTimeoutMs / 1000),
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  TRUSTED_DOCUMENTS_MODE: z.enum(['off', 'allow', 'enforce']).optional(),
  LOADER_BATCHING: boolean.default(true),
  CORS_ORIGINS: z
    .string()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/ })))
    .optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .refine((u) => !/[?#]/.test(u), 'must have no query or fragment')
    .transform((u) => new URL(u).href.replace(/\/+$/, ''))
    .optional(),
  MCP_ALLOWED_ORIGINS: z
    .string()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin)))
    .optional(),
  // Tool calls one /mcp request may carry (a JSON-RPC batch); the MCP SDK itself stops at 100 messages.
  MCP_MAX_TOOL_CALLS: z.coerce.number().int().min(1).max(100).default(10),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(30),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).max(1_000_000).default(5000),
  GRAPHQL_MAX_LOOKER_CALLS: z.coerce.number().int().min(1).max(100_000).default(250),
  GRAPHQL_MAX_ROWS: z.coerce.number().int().min(1).max(100_000_000).default(100_000),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).max(20_000).default(2000),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(1).max(1000).default(50),
  GATEWAY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  GATEWAY_SECRET_FILE: z.string().min(1).optional(),
  LOOKER_RESULT_TASKS: boolean.default(true),
  LOOKER_SYNC_WAIT: z.coerce.number().min(0).max(600).default(10),
  LOOKER_QUERY_DEADLINE: z.coerce.number().positive().max(3600).default(300),
  LOOKER_SUBJECT_MAX_TASKS: z.coerce.number().int().min(1).max(1000).default(10),
  QUERY_TASK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  QUERY_TASK_SECRET_FILE: z.string().min(1).optional(),
  EXPORT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  EXPORT_SECRET_FILE: z.string().min(1).optional(),
  EXPORT_LINK_TTL: z.coerce.number().int().min(10).max(3600).default(300),
  EXPORT_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  EXPORT_MAX_BYTES: z.coerce.number().int().min(1024).max(1_000_000_000).default(50_000_000),
  LOOKER_REQUEST_MAX_CALLS: z.coerce.number().int().min(1).max(100_000).default(250),
  LOOKER_REQUEST_MAX_ROWS: z.coerce.number().int().min(1).max(100_000_000).default(100_000),
  // Rows one result holds at most; Looker's `-1` (every row) is read up to this, then `truncated`.
  MAX_RESULT_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  WRITE_RATE: z.coerce.number().int().min(0).max(100_000).default(30),
  WRITE_IDEMPOTENCY_TTL: z.coerce.number().int().min(60).max(604_800).default(86_400),
  WRITE_MAX_DASHBOARD_TILES: z.coerce.number().int().min(1).max(1000).default(100),
  CACHE_METADATA_TTL: z.coerce.number().int().min(0).max(86_400).default(300),
  CACHE_RESULT_TTL: z.coerce.number().int().min(0).max(86_400).default(60),
  CACHE_MEMORY_MB: z.coerce.number().int().min(1).max(65_536).default(256),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  // A Redis command slower than this fails over to memory (the cache misses, the rate counts locally).
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(250),
  OPERATOR_TOKEN: z.string().min(16).optional(),
  CACHE_CONTROL_SCOPE: z.enum(['private', 'public']).default('private'),
  LOOKER_METADATA_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  LOOKER_METADATA_TIMEOUT: z.coerce.number().positive().max(600).default(10),
  LOOKER_SUBJECT_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(12),
  LOOKER_SUBJECT_QUEUE: z.coerce.number().int().min(0).max(100_000).default(64),
  LOOKER_SUBJECT_RATE: z.coerce.number().int().min(0).max(10_000_000).default(1200),
  // Refreshes are runs Looker cannot answer from its cache: a smaller share of their own.
  LOOKER_SUBJECT_REFRESH_RATE: z.coerce.number().int().min(0).max(10_000_000).default(60),
  // Off by default: the users of a browser app share its client id, and would share this rate.
  LOOKER_CLIENT_RATE: z.coerce.number().int().min(0).max(10_000_000).default(0),
  LOOKER_BREAKER_ERROR_PERCENT: z.coerce.number().int().min(1).max(100).default(50),
  LOOKER_BREAKER_RESET_SECONDS: z.coerce.number().positive().max(3600).default(5),
  LOOKER_EMULATOR_PORT: port.default(4010),
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('looker-subgraph'),
  LOOKERSDK_BASE_URL: url.optional(),
  LOOKERSDK_CLIENT_ID: z.string().min(1).optional(),
  LOOKERSDK_CLIENT_SECRET: z.string().min(1).optional(),
  LOOKERSDK_CLIENT_ID_FILE: z.string().min(1).optional(),
  LOOKERSDK_CLIENT_SECRET_FILE: z.string().min(1).optional(),
  LOOKERSDK_VERIFY_SSL: boolean.default(true),
  LOOKERSDK_TIMEOUT: z.coerce.number().positive().max(600).default(30),
  LOOKER_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  LOOKER_IDENTITY: z.enum(['service', 'user']).default('service'),
  LOOKER_USER_MAPPING: z.enum(['embed', 'email']).default('embed'),
  LOOKER_USER_EMAIL_CLAIM: z.string().min(1).default('email'),
  OIDC_ISSUER: url.optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_JWKS_URI: url.optional(),
  OIDC_ALGORITHMS: z
    .string()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.enum(asymmetricAlgorithms as [string, ...string[]])).min(1))
    .optional(),
  OIDC_SCOPE_CLAIM: z.string().min(1).optional(),
  OIDC_REQUIRE_ACCESS_TOKEN_TYPE: boolean.default(false),
});

const required = [
  'LOOKERSDK_BASE_URL',
  'LOOKERSDK_CLIENT_ID',
  'LOOKERSDK_CLIENT_SECRET',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
] as const;

type CredentialVariable = 'LOOKERSDK_CLIENT_ID' | 'LOOKERSDK_CLIENT_SECRET';
const credentialVariables: readonly CredentialVariable[] = ['LOOKERSDK_CLIENT_ID', 'LOOKERSDK_CLIENT_SECRET'];
const isCredentialVariable = (name: string): name is CredentialVariable =>
  (credentialVariables as readonly string[]).includes(name);

/** Variables that hold a secret which may instead be read from the file their `_FILE` twin names. */
type SecretVariable = 'GATEWAY_SECRET' | 'QUERY_TASK_SECRET' | 'EXPORT_SECRET' | 'AUDIT_HMAC_KEY';
/** The variables {@link fromEnvOrFile} reads: a secret and its `_FILE` twin. */
type SecretVariables = { readonly [K in CredentialVariable | SecretVariable as K | `${K}_FILE`]?: string };

/**
 * A value from its variable or from the file `<name>_FILE` names (read at start, as a secrets
 * manager mounts it), at least `minLength` characters when read from the file. Both at once is
 * ambiguous and refused. Problems name the variable and the path, never anything read from the file.
 */
function fromEnvOrFile(
  e: SecretVariables,
  name: CredentialVariable | SecretVariable,
  minLength = 0,
): { value: string | undefined; problems: string[] } {
  const file = e[`${name}_FILE`];
  const value = e[name];
  if (file === undefined) return { value, problems: [] };
  if (value !== undefined)
    return { value: undefined, problems: [`${name} and ${name}_FILE are both set: set one of them`] };
  try {
    const read = readCredentialFileSync(file).value;
    if (read.length < minLength)
      return { value: undefined, problems: [`${name}_FILE: ${file}: must hold at least ${minLength} characters`] };
    return { value: read, problems: [] };
  } catch (error) {
    const problem =
      error instanceof CredentialFileError ? `${error.file}: ${error.problem}` : `${file}: cannot be read`;
    return { value: undefined, problems: [`${name}_FILE: ${problem}`] };
  }
}

/** The API3 credentials, each from its variable or its `_FILE` twin ({@link fromEnvOrFile}). */
function credentialsFrom(e: z.infer<typeof envSchema>): {
  values: Partial<Record<CredentialVariable, string>>;
  fromFile: Record<CredentialVariable, boolean>;
  problems: string[];
} {
  const values: Partial<Record<CredentialVariable, string>> = {};
  const problems: string[] = [];
  for (const name of credentialVariables) {
    const read = fromEnvOrFile(e, name);
    values[name] = read.value;
    problems.push(...read.problems);
  }
  const fromFile = {
    LOOKERSDK_CLIENT_ID: e.LOOKERSDK_CLIENT_ID_FILE !== undefined,
    LOOKERSDK_CLIENT_SECRET: e.LOOKERSDK_CLIENT_SECRET_FILE !== undefined,
  };
  return { values, fromFile, problems };
}

/** A secret from its variable or its `_FILE` twin, at least `minLength` characters ({@link fromEnvOrFile}). */
function secretFromEnvOrFile(
  e: SecretVariables,
  name: SecretVariable,
  minLength: number,
): { secret: Secret | undefined; problems: string[] } {
  const { value, problems } = fromEnvOrFile(e, name, minLength);
  return { secret: value === undefined ? undefined : new Secret(value), problems };
}

/**
 * Reads and validates the environment. With no Looker or OIDC settings outside production it
 * describes the embedded demo stack; otherwise every required variable must be present.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variable and the rule, never the value: it may be a secret.
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const credentials = credentialsFrom(e);
  const given = (name: (typeof required)[number]): boolean =>
    e[name] !== undefined || (isCredentialVariable(name) && credentials.fromFile[name]);
  const configuredAny = required.some(given);
  const demo = !production && !configuredAny;
  if (!demo) {
    const missing = required.filter((name) => !given(name));
    if (missing.length > 0) {
      throw new ConfigError(
        missing.map(
          (name) =>
            `${name}${isCredentialVariable(name) ? ` (or ${name}_FILE)` : ''} is required${production ? ' when NODE_ENV=production' : ' once Looker or OIDC is configured'}`,
        ),
      );
    }
    if (credentials.problems.length > 0) throw new ConfigError(credentials.problems);
  }
  const gateway = secretFromEnvOrFile(e, 'GATEWAY_SECRET', 16);
  if (gateway.problems.length > 0) throw new ConfigError(gateway.problems);
  const taskSecret = secretFromEnvOrFile(e, 'QUERY_TASK_SECRET', 32);
  if (taskSecret.problems.length > 0) throw new ConfigError(taskSecret.problems);
  const exportSecret = secretFromEnvOrFile(e, 'EXPORT_SECRET', 32);
  if (exportSecret.problems.length > 0) throw new ConfigError(exportSecret.problems);
  const auditHmacKey = secretFromEnvOrFile(e, 'AUDIT_HMAC_KEY', 32);
  if (auditHmacKey.problems.length > 0) throw new ConfigError(auditHmacKey.problems);
  // Per-user answers differ by caller: a shared cache keeping one would serve it to another.
  if (e.CACHE_CONTROL_SCOPE === 'public' && e.LOOKER_IDENTITY === 'user') {
    throw new ConfigError([
      "CACHE_CONTROL_SCOPE=public cannot go with LOOKER_IDENTITY=user: each caller reads Looker as their own user, so a shared cache would serve one user's answer to another; use private",
    ]);
  }
  if (e.TRUSTED_DOCUMENTS_MODE !== undefined && e.TRUSTED_DOCUMENTS_MODE !== 'off' && !e.TRUSTED_DOCUMENTS) {
    throw new ConfigError([
      `TRUSTED_DOCUMENTS_MODE=${e.TRUSTED_DOCUMENTS_MODE} needs TRUSTED_DOCUMENTS (the manifest of the documents to trust)`,
    ]);
  }
  const host = e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
  const issuer = demo ? `http://127.0.0.1:${e.PORT}/oidc` : (e.OIDC_ISSUER as string);
  return Object.freeze({
    production,
    host,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: Math.round(e.SHUTDOWN_GRACE_SECONDS * 1000),
    shutdownDrainMs: Math.round(e.SHUTDOWN_DRAIN_SECONDS * 1000),
    http: Object.freeze({
      headersTimeoutMs: Math.round(e.HTTP_HEADERS_TIMEOUT * 1000),
      requestTimeoutMs: Math.round(Math.max(e.HTTP_REQUEST_TIMEOUT, e.HTTP_HEADERS_TIMEOUT) * 1000),
      keepAliveTimeoutMs: Math.round(e.HTTP_KEEP_ALIVE_TIMEOUT * 1000),
      sendTimeoutMs: Math.round(e.HTTP_SEND_TIMEOUT * 1000),
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    }),
    operator:
      e.OPERATOR_PORT === undefined ? undefined : Object.freeze({ port: e.OPERATOR_PORT, host: e.OPERATOR_HOST }),
    introspection: e.INTROSPECTION ?? !production,
    auditLog: e.AUDIT_LOG,
    auditHmacKey: auditHmacKey.secret,
    policyFile: e.POLICY_FILE,
    policyReadTimeoutMs: e.POLICY_READ_TIMEOUT * 1000,
    trustedDocuments: Object.freeze({ file: e.TRUSTED_DOCUMENTS, mode: e.TRUSTED_DOCUMENTS_MODE ?? 'off' }),
    loaderBatching: e.LOADER_BATCHING,
    corsOrigins: Object.freeze(e.CORS_ORIGINS ?? []),
    publicUrl: e.PUBLIC_URL,
    mcp: Object.freeze({
      allowedOrigins: Object.freeze(e.MCP_ALLOWED_ORIGINS ?? []),
      maxToolCalls: e.MCP_MAX_TOOL_CALLS,
    }),
    limits: Object.freeze({
      depth: e.GRAPHQL_MAX_DEPTH,
      aliases: e.GRAPHQL_MAX_ALIASES,
      cost: e.GRAPHQL_MAX_COST,
      lookerCalls: e.GRAPHQL_MAX_LOOKER_CALLS,
      rows: e.GRAPHQL_MAX_ROWS,
      tokens: e.GRAPHQL_MAX_TOKENS,
      directives: e.GRAPHQL_MAX_DIRECTIVES,
      budget: Object.freeze({ maxCalls: e.LOOKER_REQUEST_MAX_CALLS, maxRows: e.LOOKER_REQUEST_MAX_ROWS }),
      maxResultRows: e.MAX_RESULT_ROWS,
    }),
    cache: Object.freeze({
      metadataTtlSeconds: e.CACHE_METADATA_TTL,
      resultTtlSeconds: e.CACHE_RESULT_TTL,
      memoryMegabytes: e.CACHE_MEMORY_MB,
      // The URL may carry Redis's password: it stays a Secret until the connection is made.
      redisUrl: e.REDIS_URL === undefined ? undefined : new Secret(e.REDIS_URL),
      redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
      operatorToken: e.OPERATOR_TOKEN === undefined ? undefined : new Secret(e.OPERATOR_TOKEN),
      cacheControlScope: e.CACHE_CONTROL_SCOPE,
    }),
    fairness: Object.freeze({
      metadataConcurrency: e.LOOKER_METADATA_CONCURRENCY,
      perSubjectConcurrency: e.LOOKER_SUBJECT_CONCURRENCY,
      perSubjectQueue: e.LOOKER_SUBJECT_QUEUE,
      perSubjectPerMinute: e.LOOKER_SUBJECT_RATE,
      perSubjectRefreshesPerMinute: e.LOOKER_SUBJECT_REFRESH_RATE,
      perClientPerMinute: e.LOOKER_CLIENT_RATE,
      breakerErrorPercent: e.LOOKER_BREAKER_ERROR_PERCENT,
      breakerResetMs: Math.round(e.LOOKER_BREAKER_RESET_SECONDS * 1000),
    }),
    observability: Object.freeze({
      metrics: e.METRICS_PORT === undefined ? undefined : Object.freeze({ port: e.METRICS_PORT, host: e.METRICS_HOST }),
      otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: e.OTEL_SERVICE_NAME,
    }),
    gatewaySecret: gateway.secret,
    queryTasks: Object.freeze({
      forSlowResults: e.LOOKER_RESULT_TASKS,
      syncWaitMs: Math.round(e.LOOKER_SYNC_WAIT * 1000),
      deadlineMs: Math.round(e.LOOKER_QUERY_DEADLINE * 1000),
      maxPerSubject: e.LOOKER_SUBJECT_MAX_TASKS,
      secret: taskSecret.secret,
    }),
    exports: Object.freeze({
      secret: exportSecret.secret,
      linkTtlSeconds: e.EXPORT_LINK_TTL,
      baseUrl: e.EXPORT_BASE_URL ?? e.PUBLIC_URL,
      maxBytes: e.EXPORT_MAX_BYTES,
    }),
    writes: Object.freeze({
      ratePerMinute: e.WRITE_RATE,
      idempotencyTtlSeconds: e.WRITE_IDEMPOTENCY_TTL,
      maxDashboardTiles: e.WRITE_MAX_DASHBOARD_TILES,
    }),
    demo: demo ? Object.freeze({ emulatorPort: e.LOOKER_EMULATOR_PORT }) : undefined,
    looker: Object.freeze({
      baseUrl: demo ? `http://127.0.0.1:${e.LOOKER_EMULATOR_PORT}` : (e.LOOKERSDK_BASE_URL as string),
      clientId: demo ? demoLookerCredentials.clientId : (credentials.values.LOOKERSDK_CLIENT_ID as string),
      clientSecret: new Secret(
        demo ? demoLookerCredentials.clientSecret : (credentials.values.LOOKERSDK_CLIENT_SECRET as string),
      ),
      clientIdFile: demo ? undefined : e.LOOKERSDK_CLIENT_ID_FILE,
      clientSecretFile: demo ? undefined : e.LOOKERSDK_CLIENT_SECRET_FILE,
      verifySsl: e.LOOKERSDK_VERIFY_SSL,
      timeoutMs: Math.round(e.LOOKERSDK_TIMEOUT * 1000),
      metadataTimeoutMs: Math.round(Math.min(e.LOOKER_METADATA_TIMEOUT, e.LOOKERSDK_TIMEOUT) * 1000),
      maxConcurrency: e.LOOKER_MAX_CONCURRENCY,
      identity: e.LOOKER_IDENTITY,
      userMapping: Object.freeze({ by: e.LOOKER_USER_MAPPING, emailClaim: e.LOOKER_USER_EMAIL_CLAIM }),
    }),
    oidc: Object.freeze({
      issuer,
      audience: demo ? demoAudience : (e.OIDC_AUDIENCE as string),
      jwksUri: e.OIDC_JWKS_URI,
      algorithms: Object.freeze(e.OIDC_ALGORITHMS ?? asymmetricAlgorithms),
      scopeClaim: e.OIDC_SCOPE_CLAIM,
      requireAccessTokenType: e.OIDC_REQUIRE_ACCESS_TOKEN_TYPE,
    }),
  });
}

/**
 * The audit chain's key alone (`AUDIT_HMAC_KEY` or `AUDIT_HMAC_KEY_FILE`), for tools that check
 * an audit file without the rest of a server's configuration (`npm run audit:verify`).
 */
export function loadAuditHmacKey(env: NodeJS.ProcessEnv = process.env): Secret | undefined {
  const parsed = envSchema.pick({ AUDIT_HMAC_KEY: true, AUDIT_HMAC_KEY_FILE: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const { secret, problems } = secretFromEnvOrFile(parsed.data, 'AUDIT_HMAC_KEY', 32);
  if (problems.length > 0) throw new ConfigError(problems);
  return secret;
}
