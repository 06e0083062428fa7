import type { Redis } from 'ioredis';
import type { SharedCache } from '../cache';
import type { Config } from '../config';
import { ExportLinks } from '../exports';
import type { ContextDependencies } from '../context/context';
import type { WriteServices } from '../context/write-services';
import { SubjectTaskSlots, type LookerAdmission } from '../limits';
import { defaultLoaderOptions, type LoaderOptions } from '../loaders/loader-options';
import type { RetryPolicy } from '../looker/retry-policy';
import { createSlowQueryMemory } from '../looker/run-as-task';
import type { Logger } from '../observability/logger';
import type { Policy } from '../policy';
import { QueryTaskIds, RunningQueryTasks } from '../query-tasks';
import type { WriteAuditEvent } from '../audit/audit-event';
import { WriteRate } from '../limits/write-rate';
import { IdempotencyStore } from '../writes';

/** Kills at stop come after the drain (up to SHUTDOWN_GRACE_SECONDS): a few seconds, so the exit stays within the orchestrator's grace. */
const taskKillsAtStopMs = 3000;

/** The process-wide parts every request context draws on, built once. */
export interface RequestContextParts {
  readonly config: Config;
  readonly logger: Logger;
  readonly retry: RetryPolicy | undefined;
  /** Given by tests and the benchmark; default: from the configuration. */
  readonly loaderOptions: LoaderOptions | undefined;
  readonly admission: LookerAdmission;
  readonly cache: SharedCache;
  readonly redis: Redis | undefined;
  readonly policy: { current(): Policy };
  /** Where write events go (the audit trail's sink). */
  readonly audit: (event: WriteAuditEvent) => void;
}

/**
 * What every door's request context shares, built once:
 * - loader options, Looker admission and the request budget;
 * - the query tasks: ids, running tasks, each caller's slots;
 * - the shared cache, the embed policy and export links;
 * - what writes use: the policy's `writes:`, idempotency keys and the write rate (in Redis when
 *   set), eviction on every replica, the audit trail.
 */
export function requestContextDeps(parts: RequestContextParts): ContextDependencies & {
  readonly runningQueryTasks: RunningQueryTasks;
  readonly exportLinks: ExportLinks;
} {
  const { config, logger, redis, policy } = parts;
  return {
    lookerTimeoutMs: config.looker.timeoutMs,
    lookerMetadataTimeoutMs: config.looker.metadataTimeoutMs,
    retry: parts.retry,
    loaderOptions: parts.loaderOptions ?? {
      ...defaultLoaderOptions,
      batch: config.loaderBatching,
      maxResultRows: config.limits.maxResultRows,
      // Results that outlast the synchronous wait become query tasks; slow queries are remembered for the process.
      slowRuns: config.queryTasks.forSlowResults
        ? {
            syncWaitMs: config.queryTasks.syncWaitMs,
            deadlineMs: config.queryTasks.deadlineMs,
            slowQueries: createSlowQueryMemory(),
          }
        : undefined,
    },
    admission: parts.admission,
    budget: config.limits.budget,
    // Query task ids signed with the configured key work on every replica; without one, on this process only.
    queryTaskIds: new QueryTaskIds(config.queryTasks.secret?.reveal()),
    // Each caller's running tasks are capped (across replicas with Redis), killed at their deadline, and when this replica stops.
    runningQueryTasks: new RunningQueryTasks({
      // A lease outlives its task's deadline by the time a kill may take: a replica that dies frees its slots then.
      slots: new SubjectTaskSlots({
        perSubject: config.queryTasks.maxPerSubject,
        leaseMs: config.queryTasks.deadlineMs + config.looker.timeoutMs,
        redis,
        logger,
      }),
      deadlineMs: config.queryTasks.deadlineMs,
      stopWithinMs: taskKillsAtStopMs,
      logger,
    }),
    cache: parts.cache,
    // Read per request: an edit of the policy file's `embed:` section applies to the next request.
    embedPolicy: () => policy.current().embed,
    rowFilterPolicy: () => policy.current(),
    // Export links sealed with the configured key open on every replica; without one, on this process only.
    exportLinks: new ExportLinks({
      secret: config.exports.secret?.reveal(),
      ttlSeconds: config.exports.linkTtlSeconds,
      baseUrl: config.exports.baseUrl,
    }),
    writes: writeServices(parts),
  };
}

function writeServices(parts: RequestContextParts): WriteServices {
  const { config, redis, policy, cache } = parts;
  const rate = new WriteRate(config.writes.ratePerMinute, redis);
  return {
    policy: () => policy.current(),
    idempotency: new IdempotencyStore(config.writes.idempotencyTtlSeconds, redis),
    charge: (subject, mutation) => rate.charge(subject, mutation),
    evict: (tags) => cache.evict(tags),
    audit: parts.audit,
    maxDashboardTiles: config.writes.maxDashboardTiles,
  };
}
