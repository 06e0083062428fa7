/** The one cache layer: shared Looker answers (in process, and Redis when configured) and process-local caches. */
export { cacheKey } from './cache-key';
export { contentTags } from './content-tags';
export { createRedisLink, redisLinkSettled, type RedisLinkLogger } from './redis-link';
export { redisKeys } from './redis-keys';
export { loadTurnWaitMs } from './load-turn';
export { LocalCache, type Expiring, type LocalCacheOptions } from './local-cache';
export {
  SharedCache,
  type CacheKind,
  type CacheOutcome,
  type CacheWriteOptions,
  type SharedCacheOptions,
} from './shared-cache';
