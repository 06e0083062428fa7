import type { PersistedQueryOptions } from '@apollo/server';
import type { Redis } from 'ioredis';
import { redisKeys } from '../cache';
import type { Config } from '../config';
import type { TrustedDocumentsInForce } from '../http';
import type { Logger } from '../observability/logger';
import { createManifestStore, redisApqCache } from '../trusted-documents';

/** How long a document registered by automatic persisted queries stays in Redis unused-or-not. */
const apqTtlSeconds = 24 * 60 * 60;

/** The trusted documents in force, Apollo's APQ options, and how to stop watching the manifest. */
export interface TrustedDocumentsParts {
  readonly documents: TrustedDocumentsInForce;
  readonly persistedQueries: PersistedQueryOptions;
  close(): void;
}

/**
 * The manifest `TRUSTED_DOCUMENTS` (read now: a bad one stops the start; then hot-reloaded) in the
 * mode `TRUSTED_DOCUMENTS_MODE`, and automatic persisted queries: in Redis, shared by the replicas,
 * when `REDIS_URL` is set, else Apollo's own in-memory cache.
 */
export function trustedDocumentsInForce(
  config: Config,
  logger: Logger,
  redis: Redis | undefined,
): TrustedDocumentsParts {
  const { file, mode } = config.trustedDocuments;
  const store = mode !== 'off' && file !== undefined ? createManifestStore({ file, logger }) : undefined;
  return {
    documents: { mode, current: () => store?.current() },
    persistedQueries: redis ? { cache: redisApqCache(redis, redisKeys.apq, apqTtlSeconds), ttl: apqTtlSeconds } : {},
    close: () => store?.close(),
  };
}
