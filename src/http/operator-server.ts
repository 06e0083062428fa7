import { createServer } from 'node:http';
import express, { type Express } from 'express';
import type { OperatorAuditEvent } from '../audit/audit-event';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import { guardConnections } from './connection-guard';
import { baseUrlOf, closeServer, listenOn, portOf } from './listening';
import { notFound } from './not-found';
import { operatorRouter } from './operator-router';
import { assignRequestId } from './request-id';
import { httpServerOptions } from './server-options';

/** What the operator routes act on and report to. */
export interface OperatorServerOptions {
  /** The public app, where the routes go when they have no port of their own. */
  readonly publicApp: Express;
  readonly flushCache: () => Promise<void>;
  readonly logger: Logger;
  readonly audit: (event: OperatorAuditEvent) => void;
}

/** The operator routes' own port, when they have one. */
export interface OperatorServer {
  /** Its base URL once listening; else undefined. */
  url(): string | undefined;
  listen(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The operator routes (`POST /admin/cache/flush`, only with `OPERATOR_TOKEN`). With `OPERATOR_PORT`
 * they listen on that port, kept off the public one; else they are mounted on the public app now,
 * with a warning in production.
 */
export function operatorServer(
  config: Pick<Config, 'cache' | 'operator' | 'production' | 'http'>,
  options: OperatorServerOptions,
): OperatorServer {
  const { operator: listen, http: bounds } = config;
  const token = config.cache.operatorToken;
  const { logger } = options;
  const routes = token
    ? operatorRouter({ token, flushCache: options.flushCache, logger, audit: options.audit })
    : undefined;
  if (routes && !listen) {
    if (config.production)
      logger.warn(
        {},
        'the operator routes listen on the public port: set OPERATOR_PORT to serve them on a port of their own',
      );
    options.publicApp.use(routes);
  }
  const app = routes && listen ? express().disable('x-powered-by').use(routes).use(notFound) : undefined;
  const server = app
    ? createServer(httpServerOptions(bounds), (req, res) => {
        assignRequestId(req, res);
        app(req, res);
      })
    : undefined;
  if (server) guardConnections(server, bounds, logger);
  return {
    url: () => (server?.listening && listen ? baseUrlOf(server, listen.host) : undefined),
    async listen() {
      if (!server || !listen) return;
      await listenOn(server, listen.port, listen.host);
      logger.info({ port: portOf(server), host: listen.host }, 'operator routes listening');
    },
    async close() {
      if (!server?.listening) return;
      server.closeIdleConnections();
      await closeServer(server);
    },
  };
}
