import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectProcessMetrics, metricsExposition } from './metrics';

/** The metrics HTTP server, listening. */
export interface MetricsServer {
  /** Base URL; metrics are at `${url}/metrics`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` (Prometheus text format) on its own port, apart from the GraphQL port, so
 * it can stay on loopback or an internal interface while GraphQL is public. Nothing else is
 * served. Port 0 picks a free port (tests).
 */
export async function startMetricsServer(port: number, host = '127.0.0.1'): Promise<MetricsServer> {
  collectProcessMetrics();
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method Not Allowed\n');
      return;
    }
    metricsExposition().then(
      ({ contentType, body }) => {
        res
          .writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' })
          .end(req.method === 'HEAD' ? undefined : body);
      },
      () => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection must not hold the shutdown.
        server.closeAllConnections();
      }),
  };
}
