import type { PersistedQueryOptions } from '@apollo/server';
import type { Redis } from 'ioredis';
import { sha256Hex } from './manifest';

/** The cache Apollo Server keeps automatic persisted queries in. */
export type ApqCache = NonNullable<PersistedQueryOptions['cache']>;

/**
 * Apollo Server's automatic persisted queries cache in Redis, shared by every replica: a document
 * registered on one is found by its hash on another. Keys are the prefix and a hash of Apollo's
 * key; values are document texts (no token, no credential). Redis failing never fails a request: a
 * failed read is a miss (the client then sends the text again) and a failed write is dropped.
 */
export function redisApqCache(redis: Redis, prefix: string, ttlSeconds: number): ApqCache {
  const keyOf = (key: string): string => `${prefix}:${sha256Hex(key)}`;
  return {
    async get(key) {
      try {
        return (await redis.get(keyOf(key))) ?? undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, value, options) {
      const ttl = options?.ttl ?? ttlSeconds;
      try {
        if (ttl === null || ttl <= 0) await redis.set(keyOf(key), value, 'EX', ttlSeconds);
        else await redis.set(keyOf(key), value, 'EX', Math.ceil(ttl));
      } catch {
        // Dropped: this document is registered again on its next miss.
      }
    },
    async delete(key) {
      try {
        await redis.del(keyOf(key));
      } catch {
        // Expires with its TTL.
      }
    },
  };
}
