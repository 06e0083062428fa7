import { createHash, createHmac } from 'node:crypto';
import type { Secret } from '../config/secret';

/** The key id of events hashed with plain SHA-256 (no `AUDIT_HMAC_KEY`). */
export const unkeyedKid = 'sha256';

/** Where a chain stands: the last event written (none yet: a new chain). */
export interface ChainPosition {
  readonly seq: number;
  readonly hash: string;
}

/** How the events of one chain are hashed: plain SHA-256, or HMAC-SHA-256 with the audit key. */
export interface ChainHasher {
  /** `sha256`, or the first 8 hex digits of the key's SHA-256 (names the key, reveals nothing usable of it). */
  readonly kid: string;
  digest(canonical: string): string;
}

/** The hasher for `key` (HMAC-SHA-256), or plain SHA-256 without one. */
export function chainHasher(key: Secret | undefined): ChainHasher {
  if (key === undefined) {
    return { kid: unkeyedKid, digest: (canonical) => createHash('sha256').update(canonical).digest('hex') };
  }
  const raw = key.reveal();
  return {
    kid: createHash('sha256').update(raw).digest('hex').slice(0, 8),
    digest: (canonical) => createHmac('sha256', raw).update(canonical).digest('hex'),
  };
}

// The hash is the line's last field, so the canonical form is the line as written without it.
const hashSuffix = /,"hash":"([0-9a-f]{64})"\}$/;

/**
 * Splits a chained line (without its newline) into its canonical text (what the hash covers) and
 * its hash; undefined for a line that does not end with a hash.
 */
export function splitChainedLine(line: string): { canonical: string; hash: string } | undefined {
  const match = hashSuffix.exec(line);
  if (!match?.[1]) return undefined;
  return { canonical: `${line.slice(0, match.index)}}`, hash: match[1] };
}

/**
 * Links serialized audit lines into a hash chain. Each JSON line gains, at its end, `seq` (one
 * more than the previous event's), `prev` (the previous event's `hash`; null at the start of a
 * chain), `kid` and `hash` (over the line up to and including `kid`, as written). The fields the
 * line already had are untouched, so readers of the events see only additions.
 */
export class AuditChain {
  #position: ChainPosition | undefined;

  constructor(
    private readonly hasher: ChainHasher,
    from?: ChainPosition,
  ) {
    this.#position = from;
  }

  /** The last event linked, where the next one continues. */
  get position(): ChainPosition | undefined {
    return this.#position;
  }

  /** The line (one JSON object, with or without its newline) with its chain fields, newline-terminated. */
  link(line: string): string {
    const body = line.endsWith('\n') ? line.slice(0, -1) : line;
    if (!body.endsWith('}')) return `${body}\n`;
    const seq = (this.#position?.seq ?? 0) + 1;
    const prev = this.#position === undefined ? 'null' : `"${this.#position.hash}"`;
    const head = body.length > 2 ? `${body.slice(0, -1)},` : '{';
    const canonical = `${head}"seq":${seq},"prev":${prev},"kid":"${this.hasher.kid}"}`;
    const hash = this.hasher.digest(canonical);
    this.#position = { seq, hash };
    return `${canonical.slice(0, -1)},"hash":"${hash}"}\n`;
  }
}

/** The chain position a line records (its `seq` and `hash`), when it is a chained event. */
export function positionOf(line: string): ChainPosition | undefined {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof event !== 'object' || event === null) return undefined;
  const seq: unknown = Reflect.get(event, 'seq');
  const hash: unknown = Reflect.get(event, 'hash');
  return typeof seq === 'number' && Number.isSafeInteger(seq) && typeof hash === 'string' ? { seq, hash } : undefined;
}
