/** Reading small files named by configuration (policy, credentials) without blocking on what stands at the path. */
export {
  FileReadError,
  readRegularFile,
  readRegularFileSync,
  withDeadline,
  type FileProblemKind,
  type FileReadLimits,
  type RegularFileRead,
} from './regular-file';
export {
  credentialFileFingerprint,
  CredentialFileError,
  readCredentialFile,
  readCredentialFileSync,
} from './credential-file';
