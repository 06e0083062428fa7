import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { FileReadError, readRegularFile, readRegularFileSync, type RegularFileRead } from './regular-file';

/**
 * A credential file that cannot be used: missing, unreadable, not a regular file, too large, or
 * empty. The message names the file and the problem (an errno code), never anything read from it.
 */
export class CredentialFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CredentialFileError';
  }
}

/** One read of a credential file: its value and what identifies this version of the file. */
export interface CredentialFileRead {
  readonly value: string;
  /** Device, inode, size and mtime: a rename or symlink swap changes the inode, an edit the rest. */
  readonly fingerprint: string;
}

/** A client id or secret is a few dozen bytes; a file this large holds something else. */
const maxBytes = 64 * 1024;

/** Identifies one version of a file; `stat` follows symlinks, so a swapped link target shows. */
export function fingerprintOf(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/**
 * Secrets managers and Kubernetes write the value with a trailing newline more often than not.
 * No Looker client id or secret ends in whitespace, so both ends are trimmed.
 */
function credentialOf(file: string, read: RegularFileRead): CredentialFileRead {
  const value = read.bytes.toString('utf8').trim();
  if (value === '') throw new CredentialFileError(file, 'the file is empty');
  return { value, fingerprint: fingerprintOf(read.stats) };
}

function problemOf(file: string, error: unknown): CredentialFileError {
  if (error instanceof CredentialFileError) return error;
  if (error instanceof FileReadError) {
    if (error.found !== undefined) return new CredentialFileError(file, `not a regular file (${error.found})`);
    // System refusals by errno code; a size in the read's own words.
    return new CredentialFileError(file, error.code ? `cannot be read (${error.code})` : error.problem);
  }
  return new CredentialFileError(file, 'cannot be read');
}

/**
 * Reads a credential file at start, when a failure must stop the process. Only a regular file of
 * at most 64 KiB is read, and a named pipe at the path is refused without waiting on it.
 */
export function readCredentialFileSync(file: string): CredentialFileRead {
  try {
    return credentialOf(file, readRegularFileSync(file, { maxBytes }));
  } catch (error) {
    throw problemOf(file, error);
  }
}

/** The file's current fingerprint (one `stat`), to tell whether it changed since the last read. */
export async function credentialFileFingerprint(file: string): Promise<string> {
  try {
    return fingerprintOf(await stat(file));
  } catch (error) {
    throw problemOf(file, error);
  }
}

/** Reads a credential file while serving, as {@link readCredentialFileSync} does, without blocking the event loop. */
export async function readCredentialFile(file: string): Promise<CredentialFileRead> {
  try {
    return credentialOf(file, await readRegularFile(file, { maxBytes }));
  } catch (error) {
    throw problemOf(file, error);
  }
}
