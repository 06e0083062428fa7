import type { ServerOptions } from 'node:http';
import type { Config } from '../config';

/** Bounds on client connections, as configured (`Config.http`). */
export type ConnectionBounds = Config['http'];

/**
 * Node's server options for these bounds. A client that has not sent its headers within
 * `headersTimeoutMs`, or its whole request within `requestTimeoutMs`, is answered 408 and
 * disconnected (Node checks every `connectionsCheckingInterval`: once a second here, not its
 * default 30 s, so a slow drip is cut close to the bound). Sending the answer and the connection
 * cap are bounded on the server once it exists (`guardConnections`).
 */
export function httpServerOptions(bounds: ConnectionBounds): ServerOptions {
  return {
    headersTimeout: bounds.headersTimeoutMs,
    requestTimeout: bounds.requestTimeoutMs,
    keepAliveTimeout: bounds.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, bounds.headersTimeoutMs),
  };
}
