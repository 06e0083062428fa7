import type { Router } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from '../config';
import { exportRouter, type ExportLinks } from '../exports';
import type { RequestContextFactory } from '../context/request-context';
import { corsPolicy, type FrontHandler } from '../http';
import type { Logger } from '../observability/logger';

/**
 * `GET /exports/…`, downloads of export links: the same token check, the caller's own context, an
 * `export` audit event each.
 */
export function exportDoor(
  config: Config,
  parts: {
    readonly links: ExportLinks;
    /** The schema Apollo serves: downloads read their fields' `@auth` from it. */
    readonly schema: GraphQLSchema;
    readonly authenticate: FrontHandler;
    readonly contextFor: RequestContextFactory;
    readonly auditSink: PinoLogger;
    readonly logger: Logger;
  },
): Router {
  return exportRouter({
    links: parts.links,
    schema: parts.schema,
    // Browser apps on the CORS_ORIGINS download with fetch (the token is a header) and read the file name.
    cors: corsPolicy(config.corsOrigins, {
      allowedHeaders: ['authorization', 'x-request-id'],
      exposedHeaders: ['x-request-id', 'content-disposition'],
      methods: ['GET'],
    }),
    authenticate: parts.authenticate,
    contextFor: (caller) => parts.contextFor(caller),
    bounds: { maxRows: config.limits.maxResultRows, maxBytes: config.exports.maxBytes },
    audit: (event) => parts.auditSink.info(event),
    logger: parts.logger,
  });
}
