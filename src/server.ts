import type { Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { ApolloServer } from '@apollo/server';
import type { Express } from 'express';
import type { Logger as PinoLogger } from 'pino';
import type { TokenVerifier } from './auth/token-verifier';
import type { Config } from './config';
import type { Context } from './context/context';
import { subgraphApollo } from './graphql/apollo-server';
import { requestContextFactory } from './context/request-context';
import { buildSchema } from './graphql/schema';
import {
  baseUrlOf,
  closeServer,
  graphqlErrorHandler,
  graphqlFront,
  healthRoutes,
  isGatewayContext,
  listenOn,
  notFound,
  operatorServer,
  publicServer,
} from './http';
import { redisLinkSettled } from './cache';
import type { LoaderOptions } from './loaders/loader-options';
import type { LookerSessionSource } from './looker-users';
import type { RetryPolicy } from './looker/retry-policy';
import { inProcessMcpBackend, type McpBackend } from './mcp';
import type { Logger } from './observability/logger';
import { exemptFromTrustedDocuments, type Policy } from './policy';
import {
  auditTrail,
  callerCheck,
  exportDoor,
  lookerAdmission,
  lookerSessions,
  mcpDoor,
  policyInForce,
  requestContextDeps,
  ServerReadiness,
  sharedParts,
  trustedDocumentsInForce,
} from './server-parts';

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
   * Drains and stops. `/readyz` answers 503 `draining` at once; for `drainMs` (default 0) the server
   * goes on serving, new connections included, so load balancers see the 503 and stop sending;
   * then new connections are refused, in-flight requests get `shutdownGraceMs` to finish, and
   * remaining connections are closed.
   */
  stop(options?: { readonly drainMs?: number }): Promise<void>;
}

/**
 * Builds the subgraph's HTTP server and Apollo Server from its parts: first what requests draw on,
 * then the front in the order a request meets it, then (in `listen`) the routes after /graphql.
 * Reads the schema (and the policy file) here; no network until `listen`.
 */
export function buildServer(config: Config, deps: ServerDependencies): SubgraphServer {
  const { logger } = deps;
  // What requests draw on, deepest first. Which Looker session acts for a caller: the service
  // account's, or the caller's own Looker user's.
  const lookerSessionFor = deps.lookerSessionFor ?? lookerSessions(config, logger, deps.retry);
  // What the replicas share (one Redis link when configured); Looker's capacity, shared fairly between callers.
  const { redis, cache } = sharedParts(config, logger);
  const admission = lookerAdmission(config, redis, logger);
  const policy = policyInForce(config, logger, deps.policy);
  const trusted = trustedDocumentsInForce(config, logger, redis);
  const audit = auditTrail(config, deps.auditSink);
  const contextDeps = requestContextDeps({
    config,
    logger,
    retry: deps.retry,
    loaderOptions: deps.loaderOptions,
    admission,
    cache,
    redis,
    policy,
    audit: (event) => audit.sink.info(event),
  });
  // The front, in the order a request meets it: the audit record, the token, the public server, Apollo.
  // The operator and health routes, and mounted parts, sit beside /graphql.
  const caller = callerCheck(config, { verifier: deps.verifier, policy, logger });

  const { app, httpServer, serveGraphQL } = publicServer(config.http, logger);
  // One schema: Apollo serves it, and export downloads read their fields' `@auth` from it.
  const schema = buildSchema();
  const apollo = subgraphApollo(config, {
    schema,
    httpServer,
    logger,
    auditSink: audit.sink,
    onAudited: (ctx) => audit.requestAudit.markAudited(ctx),
    serviceAllowed: (ctx) => config.introspection || isGatewayContext(ctx),
    persistedQueries: trusted.persistedQueries,
  });
  const operator = operatorServer(config, {
    publicApp: app,
    flushCache: () => cache.flush(),
    logger,
    audit: (event) => audit.sink.info(event),
  });
  const readiness = new ServerReadiness(deps.partsReady);
  app.use(healthRoutes(readiness.now));
  deps.mount?.(app);

  // Every door builds its request context the same way: GraphQL, MCP tools, export downloads.
  const contextFor = requestContextFactory(contextDeps, lookerSessionFor);
  // MCP tools run their operations in process; the tool calls of one /mcp request share its budget.
  const mcp = inProcessMcpBackend({ apollo, contextFor, verify: caller.verify, auditSink: audit.sink });

  return {
    app,
    httpServer,
    apollo,
    mcp,
    operatorUrl: () => operator.url(),
    async listen(port = config.port, host = config.host) {
      await apollo.start();
      readiness.markStarted();
      // Serve only once the shared cache and the callers' shares are reachable (or known not to be).
      if (redis) await redisLinkSettled(redis);
      const errorHandler = graphqlErrorHandler({ logger, audit: audit.requestAudit });
      const front = graphqlFront({
        config,
        apollo,
        contextFor,
        requestAudit: audit.requestAudit,
        authenticate: caller.authenticate,
        errorHandler,
        trustedDocuments: trusted.documents,
        trustedDocumentsExempt: (principal) => exemptFromTrustedDocuments(policy.current(), principal),
      });
      serveGraphQL(front);
      app.use('/graphql', front);
      app.use(
        mcpDoor(config, {
          backend: mcp,
          authenticate: caller.authenticate,
          authorizationServer: deps.authorizationServer,
          logger,
        }),
      );
      app.use(
        exportDoor(config, {
          links: contextDeps.exportLinks,
          schema,
          authenticate: caller.authenticate,
          contextFor,
          auditSink: audit.sink,
          logger,
        }),
      );
      // An unknown route answers JSON, like everything else, never Express's HTML page.
      app.use(notFound);
      // Whatever else fails answers JSON too, never Express's HTML page with the raw body logged.
      app.use(errorHandler);
      await listenOn(httpServer, port, host);
      await operator.listen();
      // Per-user mode says once, at start, which mappings this Looker allows (it never blocks the start).
      void lookerSessionFor.announce?.();
      return baseUrlOf(httpServer, host);
    },
    async stop({ drainMs = 0 } = {}) {
      readiness.markDraining();
      if (drainMs > 0 && httpServer.listening) {
        await delay(drainMs);
        logger.info('drain period over: refusing new connections, finishing requests in flight');
      }
      await operator.close();
      policy.close();
      trusted.close();
      if (readiness.started) await apollo.stop();
      else if (httpServer.listening) await closeServer(httpServer);
      // Requests are done: kill the query tasks this replica started that still run, before Redis goes.
      await contextDeps.runningQueryTasks.close();
      await admission.close();
      await cache.close();
      redis?.disconnect();
      await new Promise<void>((resolve) => audit.sink.flush(() => resolve()));
    },
  };
}
