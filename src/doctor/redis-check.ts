import { Redis } from 'ioredis';
import type { Secret } from '../config/secret';
import { fail, pass, reasonOf, type CheckResult } from './check';

/** `host:port` of a Redis URL: its password stays out of the output. */
function whereOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || 6379}`;
  } catch {
    return 'REDIS_URL';
  }
}

/** One PING with a short timeout, when `REDIS_URL` is set. */
export async function redisCheck(redisUrl: Secret | undefined): Promise<CheckResult> {
  const name = 'Redis';
  if (!redisUrl) return pass(name, 'not configured (REDIS_URL unset): caches and rates are per replica');
  const url = redisUrl.reveal();
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: () => null,
  });
  // Connection errors are reported through connect()/ping(); the event would only repeat them.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return pass(name, `${whereOf(url)} answers PING`);
  } catch (error) {
    // ioredis messages name host and port at most, never the password.
    return fail(
      name,
      `${whereOf(url)}: ${reasonOf(error)}`,
      'start Redis or correct REDIS_URL (the subgraph still serves without it, but every replica then caches and counts alone)',
    );
  } finally {
    redis.disconnect();
  }
}
