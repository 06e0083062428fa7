import { readFileSync } from 'node:fs';
import type { Secret } from '../config/secret';
import { chainHasher, splitChainedLine, unkeyedKid, type ChainHasher } from './audit-chain';

/** What the first problem of a trail did to it. */
export type ChainProblemKind = 'changed' | 'removed' | 'reordered' | 'unverifiable';

/** The first problem found: where, which event, and what it means. */
export interface ChainProblem {
  readonly kind: ChainProblemKind;
  readonly file: string;
  /** 1-based line number in `file`. */
  readonly line: number;
  /** The event's `seq`, `time` and `requestId`, as far as the line still says them. */
  readonly event: { readonly seq?: number; readonly time?: string; readonly requestId?: string };
  readonly detail: string;
}

/** The outcome of checking a trail of files, oldest first. */
export interface ChainVerdict {
  readonly events: number;
  readonly files: number;
  /** Things that are not failures but bound what was proven: where a chain segment starts, unchained lines. */
  readonly notes: readonly string[];
  /** The first problem; none when the files are intact. */
  readonly problem?: ChainProblem;
}

interface ParsedLine {
  readonly text: string;
  readonly line: number;
  readonly event?: Record<string, unknown>;
}

interface Chained {
  readonly seq: number;
  readonly prev: string | null;
  readonly kid: string;
  readonly hash: string;
  readonly canonical: string;
}

/** The chain fields of a parsed event, when it carries all of them in their types. */
function chainedOf(parsed: ParsedLine): Chained | undefined {
  const e = parsed.event;
  if (e === undefined) return undefined;
  const split = splitChainedLine(parsed.text);
  const { seq, prev, kid } = e;
  if (split === undefined || typeof seq !== 'number' || typeof kid !== 'string') return undefined;
  if (prev !== null && typeof prev !== 'string') return undefined;
  return { seq, prev, kid, hash: split.hash, canonical: split.canonical };
}

function describe(e: Record<string, unknown> | undefined): ChainProblem['event'] {
  if (e === undefined) return {};
  return {
    ...(typeof e.seq === 'number' ? { seq: e.seq } : {}),
    ...(typeof e.time === 'string' ? { time: e.time } : {}),
    ...(typeof e.requestId === 'string' ? { requestId: e.requestId } : {}),
  };
}

function parseLines(text: string): ParsedLine[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, index) => {
    try {
      const event: unknown = JSON.parse(line);
      if (typeof event === 'object' && event !== null && !Array.isArray(event))
        return { text: line, line: index + 1, event: event as Record<string, unknown> };
    } catch {
      // An unreadable line is reported where the walk meets it.
    }
    return { text: line, line: index + 1 };
  });
}

/**
 * Checks audit files, given oldest first (`audit.log.2 audit.log.1 audit.log`), as one trail: every
 * event's hash matches its content (with the key its `kid` names), each links to the event before
 * it (`prev`, `seq` one more), and each file's first event links to the last of the file before.
 * Stops at the first problem. A first file whose first event links to an earlier event is the
 * start of a chain segment (its earlier files were not given): a note, not a failure; so is an
 * event with `prev: null`, where a writer began a new chain on an empty file. Lines without chain
 * fields before the first chained event (written before the chain existed) are counted in a note.
 *
 * With `keys`, every event must carry one of them (a plain SHA-256 event is a failure: anyone can
 * compute one). Without keys, keyed events cannot be checked: `unverifiable`.
 */
export function verifyAuditFiles(files: readonly string[], keys: readonly Secret[] = []): ChainVerdict {
  const hashers = new Map<string, ChainHasher>(keys.map((key) => [chainHasher(key).kid, chainHasher(key)]));
  const plain = chainHasher(undefined);
  const notes: string[] = [];
  let events = 0;
  let unchained = 0;
  let last: { seq: number; hash: string; file: string } | undefined;
  let seenChained = false;

  for (const [fileIndex, file] of files.entries()) {
    const lines = parseLines(readFileSync(file, 'utf8'));
    // Where each seq sits in this file, to tell a reordering from a removal.
    const lineOfSeq = new Map<number, number>();
    for (const parsed of lines) {
      const seq = parsed.event?.seq;
      if (typeof seq === 'number' && !lineOfSeq.has(seq)) lineOfSeq.set(seq, parsed.line);
    }
    for (const parsed of lines) {
      const fail = (kind: ChainProblemKind, detail: string): ChainVerdict => ({
        events,
        files: files.length,
        notes,
        problem: { kind, file, line: parsed.line, event: describe(parsed.event), detail },
      });
      const chained = chainedOf(parsed);
      if (chained === undefined) {
        if (parsed.event !== undefined && !seenChained && !('hash' in parsed.event)) {
          unchained += 1;
          continue;
        }
        return fail(
          'changed',
          parsed.event === undefined ? 'the line is not a JSON event' : 'the event lacks its chain fields',
        );
      }
      seenChained = true;
      const hasher = hashers.size > 0 ? hashers.get(chained.kid) : chained.kid === unkeyedKid ? plain : undefined;
      if (hasher === undefined) {
        if (hashers.size === 0)
          return fail('unverifiable', `keyed event (kid ${chained.kid}): give its key (AUDIT_HMAC_KEY or --key-file)`);
        return fail(
          chained.kid === unkeyedKid ? 'changed' : 'unverifiable',
          chained.kid === unkeyedKid
            ? 'plain SHA-256 event where a keyed HMAC was expected: rewritten without the key'
            : `signed with a key not given (kid ${chained.kid})`,
        );
      }
      if (hasher.digest(chained.canonical) !== chained.hash)
        return fail('changed', 'the hash does not match the content: the event was changed');

      const expected = last === undefined ? undefined : last.seq + 1;
      if (last === undefined || chained.prev === null) {
        if (chained.prev === null) notes.push(`${file}:${parsed.line}: a chain starts (seq ${chained.seq}, prev null)`);
        else
          notes.push(
            `${file}:${parsed.line}: a chain segment starts at seq ${chained.seq}; the events before it are in files not given`,
          );
      } else if (chained.prev !== last.hash || chained.seq !== expected) {
        const missingAt = expected === undefined ? undefined : lineOfSeq.get(expected);
        if (parsed.line === 1 && fileIndex > 0 && missingAt === undefined && chained.seq > (expected ?? 0))
          return fail(
            'removed',
            `does not continue ${last.file} (its last event is seq ${last.seq}, this is seq ${chained.seq}): events between the files were removed, or the files are not given oldest first`,
          );
        if (missingAt !== undefined && missingAt > parsed.line)
          return fail('reordered', `seq ${chained.seq} comes before seq ${expected} (line ${missingAt})`);
        if (expected !== undefined && chained.seq > expected)
          return fail(
            'removed',
            `seq ${expected}${chained.seq - 1 > expected ? `–${chained.seq - 1}` : ''} missing before it`,
          );
        if (expected !== undefined && chained.seq < expected)
          return fail('reordered', `seq ${chained.seq} comes after seq ${last.seq}`);
        return fail('removed', "prev does not match the previous event's hash: an event was removed or replaced");
      }
      last = { seq: chained.seq, hash: chained.hash, file };
      events += 1;
    }
  }
  if (unchained > 0) notes.push(`${unchained} line(s) written before the chain began are not covered`);
  if (hashers.size === 0 && events > 0)
    notes.push(
      'unkeyed chain (plain SHA-256): it shows accidental and naive edits; anyone who rewrites the hashes can forge it. Set AUDIT_HMAC_KEY for a chain only the key holder can write',
    );
  return { events, files: files.length, notes };
}
