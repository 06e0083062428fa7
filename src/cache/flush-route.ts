import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Secret } from '../secret';
import type { SharedCache } from './shared-cache';

/** Compares a presented credential with the expected one in constant time. */
function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `POST /admin/cache/flush`: empties the shared cache (this replica's memory, Redis, and through
 * Redis every replica's memory). Only the operator credential (`OPERATOR_TOKEN`, as a bearer
 * token) reaches it; a caller's OIDC token does not.
 */
export function cacheFlushHandler(cache: SharedCache, operatorToken: Secret, onFlush: () => void) {
  return async (req: Request, res: Response): Promise<void> => {
    const presented = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(presented, operatorToken.reveal())) {
      res.status(401).set('www-authenticate', 'Bearer realm="looker-subgraph-operator"').json({ error: 'operator credential required' });
      return;
    }
    await cache.flush();
    onFlush();
    res.json({ flushed: true });
  };
}
