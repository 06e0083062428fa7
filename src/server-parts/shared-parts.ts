import type { Redis } from 'ioredis';
import { createRedisLink, loadTurnWaitMs, SharedCache } from '../cache';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';

/** What the replicas share: the Redis link (when configured) and the cache of Looker answers on it. */
export interface SharedParts {
  readonly redis: Redis | undefined;
  readonly cache: SharedCache;
}

/**
 * One Redis link (when `REDIS_URL` is set) for the shared cache, the callers' fair shares and their
 * task slots, and the shared cache of Looker answers.
 */
export function sharedParts(config: Config, logger: Logger): SharedParts {
  const redis = config.cache.redisUrl
    ? createRedisLink(config.cache.redisUrl.reveal(), logger, config.cache.redisCommandTimeoutMs)
    : undefined;
  const cache = new SharedCache({
    metadataTtlSeconds: config.cache.metadataTtlSeconds,
    resultTtlSeconds: config.cache.resultTtlSeconds,
    memoryBytes: config.cache.memoryMegabytes * 1024 * 1024,
    redis,
    // Within the shorter Looker deadline (metadata's): a waiter never outwaits a load it waits for.
    loadWaitMs: loadTurnWaitMs(config.looker.metadataTimeoutMs),
  });
  return { redis, cache };
}
