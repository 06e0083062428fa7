import { createHash } from 'node:crypto';

/**
 * A cache key from what decided the answer: Looker identity, kind of request, canonical request. It
 * is a SHA-256, so a shared store learns nothing of a query's filters, a title searched for, or a
 * Looker user id.
 */
export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}
