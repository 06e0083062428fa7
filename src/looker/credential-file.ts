import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

/**
 * A credential file that cannot be used: missing, unreadable, not a file, or empty. The message
 * names the file and the problem (an errno code), never anything read from it.
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

/** Identifies one version of a file; `stat` follows symlinks, so a swapped link target shows. */
export function fingerprintOf(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}

/**
 * Secrets managers and Kubernetes write the value with a trailing newline more often than not;
 * no Looker client id or secret ends in whitespace, so both ends are trimmed.
 */
function valueOf(file: string, text: string): string {
  const value = text.trim();
  if (value === '') throw new CredentialFileError(file, 'the file is empty');
  return value;
}

function problemOf(file: string, error: unknown): CredentialFileError {
  if (error instanceof CredentialFileError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unreadable';
  return new CredentialFileError(file, `cannot be read (${code})`);
}

/** Reads a credential file at start, when a failure must stop the process. */
export function readCredentialFileSync(file: string): CredentialFileRead {
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new CredentialFileError(file, 'not a regular file');
    return { value: valueOf(file, readFileSync(file, 'utf8')), fingerprint: fingerprintOf(stats) };
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

/** Reads a credential file while serving, without blocking the event loop. */
export async function readCredentialFile(file: string): Promise<CredentialFileRead> {
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw new CredentialFileError(file, 'not a regular file');
    return { value: valueOf(file, await readFile(file, 'utf8')), fingerprint: fingerprintOf(stats) };
  } catch (error) {
    throw problemOf(file, error);
  }
}
