import type { Redis } from 'ioredis';
import { Semaphore, type LockOptions } from 'redis-semaphore';

/**
 * A lease in a Redis semaphore under the key given (the library would prefix it with
 * `semaphore:`, outside this service's namespace). Renewal that fails because Redis is unreachable
 * keeps the lease (it still stands in Redis until it expires, and nothing here can say otherwise):
 * the library's own renewal lets that error escape its timer, which would end the process.
 */
export class SemaphoreLease extends Semaphore {
  constructor(
    redis: Redis,
    readonly key: string,
    limit: number,
    options: LockOptions,
  ) {
    super(redis, key, limit, options);
    this._key = key;
  }

  protected override async _refresh(): Promise<boolean> {
    try {
      return await super._refresh();
    } catch {
      return true;
    }
  }
}
