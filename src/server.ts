import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { type Express } from 'express';
import { extractBearerToken } from './auth/bearer-token';
import type { Logger as PinoLogger } from 'pino';
import { createAuditSink } from './audit/audit-sink';
import { createRequestAudit } from './http/request-audit';
import { createTokenVerifier, type TokenVerifier } from './auth/token-verifier';
import {
  auditPlugin,
  authenticationPlugin,
  cacheHintsPlugins,
  operationCostPlugin,
  operationMetricsPlugin,
} from './graphql/plugins';
import type { Config } from './config';
import type { Context } from './graphql/context';
import { requestContextFactory } from './graphql/request-context';
import { createErrorFormatter } from './graphql/error-formatting';
import {
  anonymousRequests,
  apolloHandler,
  assignRequestId,
  authenticateRequests,
  authOf,
  corsPolicy,
  healthRoutes,
  documentNesting,
  gatewayCredential,
  graphqlErrorHandler,
  guardConnections,
  handlerChain,
  httpServerOptions,
  isGatewayContext,
  isGatewayRequest,
  jsonBodies,
  notFound,
  operatorRouter,
  refuseBatches,
  requestIdOf,
  requestShape,
  tagGatewayContext,
  type FrontRequest,
} from './http';
import { knownOperationTypesRule } from './graphql/validation/known-operation-types';
import { defaultLoaderOptions, type LoaderOptions } from './loaders/loader-options';
import type { Logger } from './observability/logger';
import type { RetryPolicy } from './looker/retry-policy';
import { operationLimitRules } from './graphql/validation/operation-limits';
import { LookerAdmission, SubjectTaskSlots } from './limits';
import { QueryTaskIds, RunningQueryTasks } from './query-tasks';
import { createRedisLink, redisLinkSettled, SharedCache } from './cache';
import { createSlowQueryMemory } from './looker/run-as-task';
import { createLookerSessionSource, type LookerSessionSource } from './identity';
import { createPolicyStore, effectivePrincipal, emptyPolicy, type Policy } from './policy';
import { buildSchema } from './graphql/schema';
import { inProcessMcpBackend, mcpRouter, type McpBackend } from './mcp';
import { exportRouter, ExportLinks } from './exports';
import { createServiceLookerSession } from './looker/service-looker-session';
import { recordTokenRefusal, reportLookerSlots, requestTraceOf, traceGraphQLRequests } from './observability';

/** What `buildServer` needs besides configuration; tests and the demo stack pass their own. */
export interface ServerDependencies {
  readonly logger: Logger;
  /** Verifies tokens; default: from `config.oidc`. */
  readonly verifier?: TokenVerifier;
  /** Picks the Looker session of a request; default: the shared service-account session. */
  readonly lookerSessionFor?: LookerSessionSource;
  readonly loaderOptions?: LoaderOptions;
  readonly retry?: RetryPolicy;
  /** Where audit events go; default: from `config.auditLog` (a file) or standard output. */
  readonly auditSink?: PinoLogger;
  /** The policy in force; default: the file `config.policyFile`, hot-reloaded, or none. */
  readonly policy?: { current(): Policy };
  /** Mounts extra routes before the GraphQL endpoint (the demo issuer at `/oidc`). */
  readonly mount?: (app: Express) => void;
  /** Whether the mounted parts serve yet; `/readyz` answers 503 `starting` until they do. */
  readonly partsReady?: () => boolean;
  /** The OIDC issuer named in the MCP endpoint's resource metadata; default `config.oidc.issuer` (the demo's is known only once it listens). */
  readonly authorizationServer?: () => string | undefined;
}

/** A built, not yet listening, subgraph server. */
export interface SubgraphServer {
  readonly app: Express;
  readonly httpServer: Server;
  readonly apollo: ApolloServer<Context>;
  /** The MCP tools' access to this server (in process), for `npm run mcp` over stdio. */
  readonly mcp: McpBackend;
  /** The base URL of the operator routes' own port (`OPERATOR_PORT`), once listening; else undefined. */
  operatorUrl(): string | undefined;
  /** Starts Apollo and listens; resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Drains and stops: `/readyz` answers 503 `draining` at once, new connections are refused,
   * in-flight requests get `shutdownGraceMs` to finish, then remaining connections are closed.
   */
  stop(): Promise<void>;
}

/** Whether a request goes to the GraphQL front (`/graphql`, as Express's `app.use('/graphql')` matched it). */
function isGraphQLPath(url: string | undefined): boolean {
  if (url === undefined || !url.startsWith('/graphql')) return false;
  const rest = url.charCodeAt(8);
  // The path ends there, or goes on with `/`, or the query string begins.
  return Number.isNaN(rest) || rest === 0x2f || rest === 0x3f;
}

/** Builds the subgraph's HTTP server and Apollo Server. Reads the schema (and the policy file) here; no network until `listen`. */
export function buildServer(config: Config, deps: ServerDependencies): SubgraphServer {
  const { logger } = deps;
  const verifier =
    deps.verifier ??
    createTokenVerifier({
      issuer: config.oidc.issuer,
      audience: config.oidc.audience,
      jwksUri: config.oidc.jwksUri,
      algorithms: config.oidc.algorithms,
      scopeClaim: config.oidc.scopeClaim,
      requireAccessTokenType: config.oidc.requireAccessTokenType,
    });
  const lookerSessionFor =
    deps.lookerSessionFor ??
    createLookerSessionSource({
      identity: config.looker.identity,
      service: createServiceLookerSession(config.looker, logger),
      timeoutMs: config.looker.timeoutMs,
      retry: deps.retry,
      mapping: config.looker.userMapping,
      logger,
    });
  // Looker's capacity is shared by every request of this process, fairly between callers.
  // One Redis link (when configured) for the shared cache and the per-subject rate.
  const redis = config.cache.redisUrl
    ? createRedisLink(config.cache.redisUrl.reveal(), logger, config.cache.redisCommandTimeoutMs)
    : undefined;
  const cache = new SharedCache({
    metadataTtlSeconds: config.cache.metadataTtlSeconds,
    resultTtlSeconds: config.cache.resultTtlSeconds,
    memoryBytes: config.cache.memoryMegabytes * 1024 * 1024,
    redis,
  });
  const admission = new LookerAdmission({
    maxConcurrency: config.looker.maxConcurrency,
    ...config.fairness,
    redis,
    logger,
    onSlots: reportLookerSlots,
  });
  const contextDeps = {
    lookerTimeoutMs: config.looker.timeoutMs,
    lookerMetadataTimeoutMs: config.looker.metadataTimeoutMs,
    retry: deps.retry,
    loaderOptions: deps.loaderOptions ?? {
      ...defaultLoaderOptions,
      batch: config.loaderBatching,
      maxResultRows: config.limits.maxResultRows,
      // Results that outlast the synchronous wait become query tasks; slow queries are remembered for the process.
      slowRuns: config.queryTasks.forSlowResults
        ? {
            syncWaitMs: config.queryTasks.syncWaitMs,
            deadlineMs: config.queryTasks.deadlineMs,
            slowQueries: createSlowQueryMemory(),
          }
        : undefined,
    },
    admission,
    budget: config.limits.budget,
    // Query task ids signed with the configured key work on every replica; without one, on this process only.
    queryTaskIds: new QueryTaskIds(config.queryTasks.secret?.reveal()),
    // Each caller's running tasks are capped (across replicas with Redis), killed at their deadline, and when this replica stops.
    runningQueryTasks: new RunningQueryTasks({
      // A lease outlives its task's deadline by the time a kill may take: a replica that dies frees its slots then.
      slots: new SubjectTaskSlots({
        perSubject: config.queryTasks.maxPerSubject,
        leaseMs: config.queryTasks.deadlineMs + config.looker.timeoutMs,
        redis,
        logger,
      }),
      deadlineMs: config.queryTasks.deadlineMs,
      // Kills at stop come after the drain (up to SHUTDOWN_GRACE_SECONDS): a few seconds, so the exit stays within the orchestrator's grace.
      stopWithinMs: 3000,
      logger,
    }),
    cache,
    // Read per request: an edit of the policy file's `embed:` section applies to the next request.
    embedPolicy: () => policy.current().embed,
    // Export links sealed with the configured key open on every replica; without one, on this process only.
    exportLinks: new ExportLinks({
      secret: config.exports.secret?.reveal(),
      ttlSeconds: config.exports.linkTtlSeconds,
      baseUrl: config.exports.baseUrl,
    }),
  };

  const policyStore =
    deps.policy === undefined && config.policyFile
      ? createPolicyStore({ file: config.policyFile, logger, readTimeoutMs: config.policyReadTimeoutMs })
      : undefined;
  const policy = deps.policy ?? policyStore ?? { current: () => emptyPolicy };
  const auditSink = deps.auditSink ?? createAuditSink({ file: config.auditLog });
  // Every request to /graphql leaves one audit event, those refused before Apollo runs included.
  const requestAudit = createRequestAudit({ sink: auditSink, callerOf: (res) => authOf(res).principal });
  // Scopes follow the IdP: the token's own plus what the policy grants for its claims now.
  const verifyAuthorization = async (authorization: string | readonly string[]) =>
    effectivePrincipal(policy.current(), await verifier.verify(extractBearerToken(authorization)));
  const authenticate = authenticateRequests({
    verify: verifyAuthorization,
    logger,
    onRefused: recordTokenRefusal,
  });

  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are not revalidated by ETag (caches go by Cache-Control): hashing each body is work for nothing.
  app.set('etag', false);
  // `/graphql` is served by its own handler chain on Node's request and response (src/http), ready
  // once Apollo has started. Operations (POST) go to it directly: the hot path skips Express's
  // router. Every other request goes through Express, where mounted parts come first (GraphiQL
  // answers a browser's GET /graphql) and the same chain ends the /graphql route.
  let graphqlFront: ((req: FrontRequest, res: ServerResponse) => void) | undefined;
  // Slow or idle clients are bounded (header and request timeouts, keep-alive, a connection cap).
  const httpServer = createServer(httpServerOptions(config.http), (req, res) => {
    assignRequestId(req, res);
    if (graphqlFront !== undefined && req.method === 'POST' && isGraphQLPath(req.url)) graphqlFront(req, res);
    else app(req, res);
  });
  // The cap, and what Node's timeouts leave open: a client that stops reading, idle connections at the cap.
  guardConnections(httpServer, config.http, logger);
  // One schema: Apollo serves it, and export downloads read their fields' `@auth` from it.
  const schema = buildSchema();
  const apollo = new ApolloServer<Context>({
    // main.ts owns SIGTERM/SIGINT: Apollo's own handler would re-raise the signal after stopping,
    // ending the process with the signal instead of exit code 0.
    stopOnTerminationSignals: false,
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    logger,
    // Bounded before validation: the parser gives up beyond GRAPHQL_MAX_TOKENS tokens.
    parseOptions: { maxTokens: config.limits.tokens },
    // Where the schema is not public, errors suggest no field names ("Did you mean …").
    hideSchemaDetailsFromClientErrors: !config.introspection,
    // Each operation fans out into Looker calls: bound its shape before anything runs.
    validationRules: [...operationLimitRules(config.limits), knownOperationTypesRule],
    formatError: createErrorFormatter(logger),
    plugins: [
      // Stops accepting, lets in-flight requests finish for the grace period, then closes the rest.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      authenticationPlugin({
        introspection: config.introspection,
        serviceAllowed: (ctx) => config.introspection || isGatewayContext(ctx),
      }),
      auditPlugin(auditSink, { onAudited: (ctx) => requestAudit.markAudited(ctx) }),
      // After the authentication plugin: an anonymous caller learns nothing of what its document would cost.
      operationCostPlugin({ lookerCalls: config.limits.lookerCalls, rows: config.limits.rows }),
      ...cacheHintsPlugins({
        metadataMaxAge: config.cache.metadataTtlSeconds,
        resultMaxAge: config.cache.resultTtlSeconds,
        scope: config.cache.cacheControlScope,
      }),
      operationMetricsPlugin<Context>(
        (ctx) => ctx.trace,
        (ctx) => ctx.principal !== null,
      ),
    ],
  });

  // The operator routes: on their own port when OPERATOR_PORT is set (kept off the public one), else here.
  const operatorRoutes = config.cache.operatorToken
    ? operatorRouter({
        token: config.cache.operatorToken,
        flushCache: () => cache.flush(),
        logger,
        audit: (event) => auditSink.info(event),
      })
    : undefined;
  const operatorApp =
    operatorRoutes && config.operator ? express().disable('x-powered-by').use(operatorRoutes).use(notFound) : undefined;
  const operatorServer = operatorApp
    ? createServer(httpServerOptions(config.http), (req, res) => {
        assignRequestId(req, res);
        operatorApp(req, res);
      })
    : undefined;
  if (operatorServer) guardConnections(operatorServer, config.http, logger);
  if (operatorRoutes && !operatorApp) {
    if (config.production)
      logger.warn(
        {},
        'the operator routes listen on the public port: set OPERATOR_PORT to serve them on a port of their own',
      );
    app.use(operatorRoutes);
  }
  // Readiness waits for Apollo (and the mounted parts), and turns 503 for the whole drain.
  app.use(
    healthRoutes(() =>
      draining ? 'draining' : !started || (deps.partsReady && !deps.partsReady()) ? 'starting' : 'ready',
    ),
  );
  deps.mount?.(app);

  // Every door builds its request context the same way: GraphQL, MCP tools, export downloads.
  const contextFor = requestContextFactory(contextDeps, lookerSessionFor);
  // MCP tools run their operations in process; the tool calls of one /mcp request share its budget.
  const mcp = inProcessMcpBackend({
    apollo,
    contextFor,
    verify: verifyAuthorization,
    auditSink,
  });

  const context = async ({
    res,
    signal,
  }: {
    req: FrontRequest;
    res: ServerResponse;
    signal: AbortSignal;
  }): Promise<Context> => {
    // The token was verified by the HTTP front, before the body was read.
    const { principal, lookerUser, tokenRejection } = authOf(res);
    const contextValue = contextFor({
      requestId: requestIdOf(res),
      principal,
      lookerUser,
      tokenRejection,
      trace: requestTraceOf(res),
      signal,
    });
    requestAudit.link(contextValue, res);
    tagGatewayContext(contextValue, res);
    return contextValue;
  };

  let started = false;
  // Set when stop() begins: readiness turns 503 for the whole drain, liveness stays 200.
  let draining = false;
  return {
    app,
    httpServer,
    apollo,
    mcp,
    operatorUrl() {
      const address = operatorServer?.listening ? (operatorServer.address() as AddressInfo) : undefined;
      return address && config.operator
        ? `http://${config.operator.host.includes(':') ? `[${config.operator.host}]` : config.operator.host}:${address.port}`
        : undefined;
    },
    async listen(port = config.port, host = config.host) {
      await apollo.start();
      started = true;
      // Serve only once the shared cache and the callers' shares are reachable (or known not to be).
      if (redis) await redisLinkSettled(redis);
      const graphqlCors = corsPolicy(config.corsOrigins, {
        allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'apollo-require-preflight'],
        exposedHeaders: ['x-request-id'],
      });
      const errorHandler = graphqlErrorHandler({ logger, audit: requestAudit });
      // Cheap checks first, and no body read before the caller is known: a request without a valid
      // token may carry only a small public operation (src/http).
      const front = handlerChain(
        [
          // Before any body parsing: the caller's traceparent must frame everything the request does.
          traceGraphQLRequests(),
          graphqlCors,
          requestAudit.track,
          gatewayCredential({
            secret: config.gatewaySecret,
            openWithoutCredential: config.introspection && !config.production,
          }),
          authenticate,
          requestShape(requestAudit),
          jsonBodies(requestAudit),
          refuseBatches(requestAudit),
          anonymousRequests({
            audit: requestAudit,
            introspection: config.introspection,
            maxTokens: config.limits.tokens,
            // `_service` (the schema) is public where introspection is; else only for the gateway.
            serviceAllowed: (res) => config.introspection || isGatewayRequest(res),
          }),
          documentNesting({ audit: requestAudit, maxTokens: config.limits.tokens }),
          apolloHandler(apollo, context),
        ],
        errorHandler,
      );
      graphqlFront = front;
      app.use('/graphql', front);
      // The agents' door: the same token check, then tools that run fixed operations on this schema (src/mcp).
      app.use(
        mcpRouter({
          backend: mcp,
          authenticate,
          authorizationServer: deps.authorizationServer ?? (() => config.oidc.issuer),
          publicUrl: config.publicUrl,
          allowedOrigins: config.mcp.allowedOrigins,
          maxToolCalls: config.mcp.maxToolCalls,
          budget: config.limits.budget,
          logger,
        }),
      );
      // Downloads of export links: the same token check, the caller's own context, an `export` audit event each (src/exports).
      app.use(
        exportRouter({
          links: contextDeps.exportLinks,
          schema,
          // Browser apps on the CORS_ORIGINS download with fetch (the token is a header) and read the file name.
          cors: corsPolicy(config.corsOrigins, {
            allowedHeaders: ['authorization', 'x-request-id'],
            exposedHeaders: ['x-request-id', 'content-disposition'],
            methods: ['GET'],
          }),
          authenticate,
          contextFor: (caller) => contextFor(caller),
          bounds: { maxRows: config.limits.maxResultRows, maxBytes: config.exports.maxBytes },
          audit: (event) => auditSink.info(event),
          logger,
        }),
      );
      // An unknown route answers JSON, like everything else, never Express's HTML page.
      app.use(notFound);
      // Whatever else fails answers JSON too, never Express's HTML page with the raw body logged.
      app.use(errorHandler);
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      if (operatorServer && config.operator) {
        const { port: operatorPort, host: operatorHost } = config.operator;
        await new Promise<void>((resolve, reject) => {
          operatorServer.once('error', reject);
          operatorServer.listen(operatorPort, operatorHost, () => resolve());
        });
        logger.info(
          { port: (operatorServer.address() as AddressInfo).port, host: operatorHost },
          'operator routes listening',
        );
      }
      // Per-user mode says once, at start, which mappings this Looker allows (it never blocks the start).
      void lookerSessionFor.announce?.();
      const address = httpServer.address() as AddressInfo;
      return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    },
    async stop() {
      draining = true;
      if (operatorServer?.listening) {
        operatorServer.closeIdleConnections();
        await new Promise((resolve) => operatorServer.close(resolve));
      }
      policyStore?.close();
      if (started) await apollo.stop();
      else if (httpServer.listening) await new Promise((resolve) => httpServer.close(resolve));
      // Requests are done: kill the query tasks this replica started that still run, before Redis goes.
      await contextDeps.runningQueryTasks.close();
      await admission.close();
      await cache.close();
      redis?.disconnect();
      await new Promise<void>((resolve) => auditSink.flush(() => resolve()));
    },
  };
}
