/** Trusted documents (persisted operations): the manifest, its reloads, the decision per request, and the APQ cache. */
export { redisApqCache, type ApqCache } from './apq-cache';
export { ManifestError, parseManifest, sha256Hex, type ManifestFormat, type TrustedManifest } from './manifest';
export {
  createManifestStore,
  type ManifestLogger,
  type ManifestReload,
  type ManifestStore,
  type ManifestStoreOptions,
} from './manifest-store';
export {
  decideTrust,
  persistedIdOf,
  type PersistedRequestParts,
  type TrustDecision,
  type TrustedDocumentsMode,
} from './trust-decision';
