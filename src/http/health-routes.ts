import express, { type Router } from 'express';

/** Where the server stands, as readiness reports it. */
export type Readiness = 'starting' | 'ready' | 'draining';

/**
 * Liveness and readiness, so a load balancer sends traffic only to a replica that can take it, and
 * stops before it goes away:
 * - `GET /healthz`: 200 for as long as the process serves;
 * - `GET /readyz`: 200 `ready`, else 503 with `starting` or `draining`.
 */
export function healthRoutes(readiness: () => Readiness): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    const status = readiness();
    res.status(status === 'ready' ? 200 : 503).json({ status });
  });
  return router;
}
