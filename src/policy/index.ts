/** Policy: claims of the caller's access token → extra scopes and the Looker user to act as. */
export { claimIncludes, readClaim } from './claim-values';
export { effectivePrincipal, type EffectivePrincipal } from './effective-principal';
export {
  defaultPolicyReadTimeoutMs,
  loadPolicyFile,
  loadPolicyFileSync,
  parsePolicyText,
  PolicyFileError,
  type PolicySnapshot,
} from './policy-file';
export {
  emptyPolicy,
  type ClaimCondition,
  type EmbedPolicy,
  type FolderRef,
  type LookerUserRef,
  type Policy,
  type PolicyRule,
  type RowFilter,
  type WriteGrant,
} from './policy-model';
export { writeGrantsFor, type NamedWriteGrant } from './write-rules';
export { matchingRules, type MatchedRule } from './matching-rules';
export { watchFile, type FileWatchHandlers, type FileWatchOptions } from './file-watch';
export { exemptFromTrustedDocuments } from './trusted-documents-exemption';
export { validatePolicy } from './policy-schema';
export {
  createPolicyStore,
  type PolicyLogger,
  type PolicyStore,
  type PolicyStoreOptions,
  type ReloadOutcome,
} from './policy-store';
