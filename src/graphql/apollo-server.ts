import type { Server } from 'node:http';
import { ApolloServer, type PersistedQueryOptions } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import type { Context } from '../context/context';
import { createErrorFormatter } from './error-formatting';
import {
  auditPlugin,
  authenticationPlugin,
  cacheHintsPlugins,
  operationCostPlugin,
  operationMetricsPlugin,
} from './plugins';
import { knownOperationTypesRule } from './validation/known-operation-types';
import { operationLimitRules } from './validation/operation-limits';

/** What Apollo Server is built from besides its settings: the schema, the HTTP server it drains, where it reports. */
export interface SubgraphApolloOptions {
  readonly schema: GraphQLSchema;
  readonly httpServer: Server;
  readonly logger: Logger;
  readonly auditSink: PinoLogger;
  /** Told when the audit plugin wrote a request's event (the request audit then writes none). */
  readonly onAudited: (context: Context) => void;
  /** Whether an unauthenticated request may read `_service`: where introspection is on, or from the gateway. */
  readonly serviceAllowed: (context: Context) => boolean;
  /** Automatic persisted queries: where their documents are kept (default: Apollo's in-memory cache). */
  readonly persistedQueries?: PersistedQueryOptions;
}

/**
 * Apollo Server with its validation rules and plugins. The plugins, in order: the drain, no landing
 * page, authentication, audit, the cost estimate, cache hints, operation metrics.
 */
export function subgraphApollo(
  config: Pick<Config, 'introspection' | 'limits' | 'cache' | 'shutdownGraceMs'>,
  options: SubgraphApolloOptions,
): ApolloServer<Context> {
  const { logger } = options;
  return new ApolloServer<Context>({
    // main.ts owns SIGTERM/SIGINT: Apollo's own handler would re-raise the signal after stopping,
    // ending the process with the signal instead of exit code 0.
    stopOnTerminationSignals: false,
    schema: options.schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    logger,
    // Bounded before validation: the parser gives up beyond GRAPHQL_MAX_TOKENS tokens.
    parseOptions: { maxTokens: config.limits.tokens },
    // In Redis when it is configured, so a hash registered on one replica is found on any.
    persistedQueries: options.persistedQueries ?? {},
    // Where the schema is not public, errors suggest no field names ("Did you mean …").
    hideSchemaDetailsFromClientErrors: !config.introspection,
    // Each operation fans out into Looker calls: bound its shape before anything runs.
    validationRules: [...operationLimitRules(config.limits), knownOperationTypesRule],
    formatError: createErrorFormatter(logger),
    plugins: [
      // Stops accepting, lets in-flight requests finish for the grace period, then closes the rest.
      ApolloServerPluginDrainHttpServer({
        httpServer: options.httpServer,
        stopGracePeriodMillis: config.shutdownGraceMs,
      }),
      ApolloServerPluginLandingPageDisabled(),
      authenticationPlugin({ introspection: config.introspection, serviceAllowed: options.serviceAllowed }),
      auditPlugin(options.auditSink, { onAudited: options.onAudited }),
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
}
