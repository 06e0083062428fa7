import { Redis } from 'ioredis';

/** How long one attempt to connect to Redis may take. */
const connectTimeoutMs = 1_000;

/** What the Redis link reports, once per change of state. */
export interface RedisLinkLogger {
  warn(object: object, message: string): void;
  info(object: object, message: string): void;
}

/**
 * A Redis connection for the cache's second level that never holds a request up: commands fail at
 * once while it is disconnected (no offline queue) and within `commandTimeoutMs` when Redis is
 * slow, and it reconnects in the background. The log says once when Redis becomes unreachable and
 * once when it is back, never per request; the URL's password is never logged.
 */
export function createRedisLink(url: string, logger: RedisLinkLogger, commandTimeoutMs = 250): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    // Keep trying, at most every 2 s: Redis coming back must be noticed without a restart.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    lazyConnect: false,
  });
  const where = (() => {
    try {
      const u = new URL(url);
      return `${u.hostname}:${u.port || 6379}`;
    } catch {
      return 'redis';
    }
  })();
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(
      { redis: where, err: { name: error.name, message: error.message } },
      'Redis unreachable: serving from this process and Looker until it returns',
    );
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info({ redis: where }, 'Redis reachable again: the shared cache is back');
  });
  return redis;
}

/**
 * Resolves once the link is ready, has failed its first connection attempt, or `withinMs` has
 * passed, whichever comes first; never rejects. A replica waits for this before it serves, so its
 * first requests already share the cache and the callers' rate with the other replicas, while an
 * unreachable Redis delays its start by at most one connection attempt.
 */
export async function redisLinkSettled(redis: Redis, withinMs = connectTimeoutMs + 500): Promise<void> {
  if (redis.status === 'ready' || redis.status === 'end') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, withinMs);
    redis.once('ready', done);
    redis.once('error', done);
  });
}
