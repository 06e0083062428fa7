import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { FileReadError, readRegularFile, readRegularFileSync, withDeadline, type RegularFileRead } from '../files';
import type { Policy } from './policy-model';
import { validatePolicy } from './policy-schema';

/** A policy file that cannot be used; the message names the file and every problem found. */
export class PolicyFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid policy file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyFileError';
  }
}

/** One read of the policy file: the validated policy, a digest of its bytes and the file's identity. */
export interface PolicySnapshot {
  readonly policy: Policy;
  /** sha256 of the file's bytes (first 16 hex digits): tells a real change from a touch. */
  readonly digest: string;
  /** `statSignature` of the file as read. */
  readonly signature: string;
}

/** Policies are a few kilobytes; anything this large is a mistake, not a policy. */
const maxBytes = 1024 * 1024;

/** How long a read of the policy file may take while serving, unless configured. */
export const defaultPolicyReadTimeoutMs = 5000;

/** Identity of the file's current version (inode, size, times); stat follows symlinks. */
export function statSignature(stats: Stats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

/** The problem reported when reading the file outlasted its bound. */
export function readTimedOut(file: string, timeoutMs: number): PolicyFileError {
  return new PolicyFileError(file, [`reading the file took longer than ${timeoutMs} ms`]);
}

/** Parses and validates a policy file's text; the format follows the extension. Throws PolicyFileError. */
export function parsePolicyText(text: string, file: string): Policy {
  const format = formatOf(file);
  const data = format === 'json' ? parseJson(text, file) : parseYaml(text, file);
  const result = validatePolicy(data);
  if (!result.ok) throw new PolicyFileError(file, result.problems);
  return result.policy;
}

/**
 * Reads and validates the file synchronously (start-up); retries once when it changed during the
 * read. Only a regular file of at most 1 MiB is read: a named pipe, a directory or a device is
 * refused without waiting on it, so a bad path stops the start instead of hanging it.
 */
export function loadPolicyFileSync(file: string): PolicySnapshot {
  formatOf(file);
  for (let attempt = 0; ; attempt++) {
    const read = guard(file, () => readRegularFileSync(file, { maxBytes }));
    if (!read.changedWhileRead) return snapshot(read, file);
    // A writer caught mid-write twice: report it rather than keep half a policy.
    if (attempt >= 1) throw new PolicyFileError(file, ['the file changed while it was being read']);
  }
}

/**
 * Reads and validates the file as {@link loadPolicyFileSync} does, without blocking the event
 * loop; with `timeoutMs`, gives up when the file system does not answer in time. Rejects with
 * PolicyFileError.
 */
export async function loadPolicyFile(
  file: string,
  options: { readonly timeoutMs?: number } = {},
): Promise<PolicySnapshot> {
  formatOf(file);
  const load = async (): Promise<PolicySnapshot> => {
    for (let attempt = 0; ; attempt++) {
      const read = await guardAsync(file, () => readRegularFile(file, { maxBytes }));
      if (!read.changedWhileRead) return snapshot(read, file);
      if (attempt >= 1) throw new PolicyFileError(file, ['the file changed while it was being read']);
    }
  };
  const { timeoutMs } = options;
  return timeoutMs === undefined ? load() : withDeadline(load(), timeoutMs, () => readTimedOut(file, timeoutMs));
}

function snapshot(read: RegularFileRead, file: string): PolicySnapshot {
  const policy = parsePolicyText(read.bytes.toString('utf8'), file);
  return {
    policy,
    digest: createHash('sha256').update(read.bytes).digest('hex').slice(0, 16),
    signature: statSignature(read.stats),
  };
}

function formatOf(file: string): 'json' | 'yaml' {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  throw new PolicyFileError(file, [`unsupported extension "${ext}": use .yaml, .yml or .json`]);
}

function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true });
  // yaml appends the offending source line to its messages; keep only the first line so logs
  // carry the problem and position, not the file's content.
  if (doc.errors.length > 0)
    throw new PolicyFileError(
      file,
      doc.errors.map((e) => `invalid YAML: ${firstLine(e.message)}`),
    );
  try {
    return doc.toJS();
  } catch (error) {
    // toJS refuses alias bombs ("Excessive alias count") by throwing.
    throw new PolicyFileError(file, [
      `invalid YAML: ${error instanceof Error ? firstLine(error.message) : 'cannot be read'}`,
    ]);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PolicyFileError(file, [
      `invalid JSON: ${jsonProblem(error instanceof Error ? error.message : '', text)}`,
    ]);
  }
}

/**
 * V8's message, made readable. The excerpt of the source it quotes is cut (`Unexpected token 'x',
 * "…" is not valid JSON`), and "at position N" becomes a line and column people can find.
 */
function jsonProblem(message: string, text: string): string {
  const withoutExcerpt = message.replace(/, (\.\.\.)?".*$/s, '');
  const position = /^(.*) in JSON at position (\d+)/s.exec(withoutExcerpt);
  if (!position) return withoutExcerpt || 'not valid JSON';
  const before = text.slice(0, Number(position[2]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${position[1]} at line ${line}, column ${column}`;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/:$/, '');
}

function guard<T>(file: string, io: () => T): T {
  try {
    return io();
  } catch (error) {
    throw new PolicyFileError(file, [ioProblem(error)]);
  }
}

async function guardAsync<T>(file: string, io: () => Promise<T>): Promise<T> {
  try {
    return await io();
  } catch (error) {
    throw new PolicyFileError(file, [ioProblem(error)]);
  }
}

/** The read's own sentence: it names the path's kind, size or errno code, never its content. */
function ioProblem(error: unknown): string {
  return error instanceof FileReadError ? error.problem : 'the file cannot be read (unknown error)';
}
