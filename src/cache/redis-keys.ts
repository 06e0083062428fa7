/**
 * Where this service keeps things in Redis:
 * - every key under one prefix, so a Redis ACL such as `~looker-subgraph:*` (and
 *   `&looker-subgraph:*` for the flush channel) is all it needs;
 * - one part per use, so that emptying the cache never touches the callers' shares.
 */
export const redisKeys = {
  /** The shared cache's second level (bentocache's prefix): what the operator's flush empties. */
  cache: 'looker-subgraph:cache',
  /** The short-lived lock of a key one replica is loading from Looker, for the others to wait on. */
  loads: 'looker-subgraph:loads',
  /** The channel that carries an operator's flush to every replica. */
  flushChannel: 'looker-subgraph:cache:flush',
  /** The channel that carries a write's eviction (the tags it changed) to every replica. */
  evictChannel: 'looker-subgraph:cache:evict',
  /** Each caller's per-minute rate (rate-limiter-flexible's prefix). */
  rate: 'looker-subgraph:rate',
  /** Each caller's concurrency slots, per lane. */
  slots: 'looker-subgraph:slots',
  /** Each caller's running query tasks (`startQuery`). */
  tasks: 'looker-subgraph:tasks',
  /** Creates remembered by their `idempotencyKey`, per caller (hashed). */
  writes: 'looker-subgraph:writes',
  /** Automatic persisted queries: document texts by hash, registered on one replica, found on any. */
  apq: 'looker-subgraph:apq',
} as const;
