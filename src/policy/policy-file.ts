import { createHash } from 'node:crypto';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
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

/** Identity of the file's current version (inode, size, times); stat follows symlinks. */
export function statSignature(stats: Stats): string {
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

/** Parses and validates a policy file's text; the format follows the extension. Throws PolicyFileError. */
export function parsePolicyText(text: string, file: string): Policy {
  const format = formatOf(file);
  const data = format === 'json' ? parseJson(text, file) : parseYaml(text, file);
  const result = validatePolicy(data);
  if (!result.ok) throw new PolicyFileError(file, result.problems);
  return result.policy;
}

/** Reads and validates the file synchronously (start-up); retries once when it changed during the read. */
export function loadPolicyFileSync(file: string): PolicySnapshot {
  formatOf(file);
  for (let attempt = 0; ; attempt++) {
    const before = statSignature(guard(file, () => statSync(file)));
    const bytes = guard(file, () => readFileSync(file));
    const after = statSignature(guard(file, () => statSync(file)));
    if (before === after) return snapshot(bytes, file, after);
    // A writer caught mid-write twice: report it rather than keep half a policy.
    if (attempt >= 1) throw new PolicyFileError(file, ['the file changed while it was being read']);
  }
}

/** Reads and validates the file; retries once when it changed during the read. Rejects with PolicyFileError. */
export async function loadPolicyFile(file: string): Promise<PolicySnapshot> {
  formatOf(file);
  for (let attempt = 0; ; attempt++) {
    const before = statSignature(await guardAsync(file, () => stat(file)));
    const bytes = await guardAsync(file, () => readFile(file));
    const after = statSignature(await guardAsync(file, () => stat(file)));
    if (before === after) return snapshot(bytes, file, after);
    if (attempt >= 1) throw new PolicyFileError(file, ['the file changed while it was being read']);
  }
}

function snapshot(bytes: Buffer, file: string, signature: string): PolicySnapshot {
  if (bytes.length > maxBytes) throw new PolicyFileError(file, [`the file is larger than ${maxBytes} bytes`]);
  const policy = parsePolicyText(bytes.toString('utf8'), file);
  return { policy, digest: createHash('sha256').update(bytes).digest('hex').slice(0, 16), signature };
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
  if (doc.errors.length > 0) throw new PolicyFileError(file, doc.errors.map((e) => `invalid YAML: ${firstLine(e.message)}`));
  try {
    return doc.toJS();
  } catch (error) {
    // toJS refuses alias bombs ("Excessive alias count") by throwing.
    throw new PolicyFileError(file, [`invalid YAML: ${error instanceof Error ? firstLine(error.message) : 'cannot be read'}`]);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PolicyFileError(file, [`invalid JSON: ${jsonProblem(error instanceof Error ? error.message : '', text)}`]);
  }
}

/**
 * V8's message without the excerpt of the source it quotes (`Unexpected token 'x', "…" is not
 * valid JSON`), and with "at position N" turned into a line and column people can find.
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

function ioProblem(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  if (code === 'ENOENT') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'the file is not readable (permission denied)';
  if (code === 'EISDIR') return 'the path is a directory, not a file';
  return `the file cannot be read (${code ?? 'unknown error'})`;
}
