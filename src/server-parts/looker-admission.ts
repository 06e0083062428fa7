import type { Redis } from 'ioredis';
import type { Config } from '../config';
import { LookerAdmission } from '../limits';
import { reportLookerSlots } from '../observability';
import type { Logger } from '../observability/logger';

/** Looker's capacity, shared by every request of this process and fairly between callers (across replicas with Redis). */
export function lookerAdmission(config: Config, redis: Redis | undefined, logger: Logger): LookerAdmission {
  return new LookerAdmission({
    maxConcurrency: config.looker.maxConcurrency,
    ...config.fairness,
    redis,
    logger,
    onSlots: reportLookerSlots,
  });
}
