import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { cacheKey, redisKeys } from '../cache';
import type { IdempotencyClaim, IdempotencyClaims } from '../context/write-services';

/** How long a create may hold its key before another attempt may take it over (a replica that died mid-write). */
const pendingMs = 60_000;
/** How long a repeat waits for the first attempt, still running, to answer. */
const waitForFirstMs = 5_000;
const pollMs = 100;

interface Entry {
  /** `pending` while the first attempt runs, `done` with its answer. */
  readonly s: 'pending' | 'done';
  /** Hash of the attempt's input: a key reused with other input is refused, not replayed. */
  readonly f: string;
  readonly v?: unknown;
}

/** The hash a key's fingerprint is kept as: no input in clear in the shared store. */
export function fingerprintOf(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url');
}

/**
 * Remembers creates by `idempotencyKey`, per caller: the first attempt claims the key, a repeat
 * within the window gets the first answer. In Redis when configured (every replica sees the same
 * keys: `SET NX` decides which attempt runs), else in this process. While Redis is unreachable a
 * replica falls back to its own memory: repeats on the same replica stay safe, repeats through
 * another replica may write again (the audit trail names both). Keys are hashes of the subject and
 * the key; values are Looker's answers to the create, never a token.
 */
export class IdempotencyStore implements IdempotencyClaims {
  readonly #local: LRUCache<string, Entry>;

  constructor(
    private readonly ttlSeconds: number,
    private readonly redis?: Redis,
  ) {
    this.#local = new LRUCache<string, Entry>({ max: 10_000, ttl: ttlSeconds * 1000 });
  }

  /** The key's place in the store. */
  #key(subject: string, key: string): string {
    return `${redisKeys.writes}:${cacheKey([subject, key])}`;
  }

  #shared(): Redis | undefined {
    return this.redis?.status === 'ready' ? this.redis : undefined;
  }

  /**
   * Claims `key` for this attempt (`proceed`), or answers what an earlier attempt with it did: its
   * answer (`replay`), still running after a short wait (`running`), or another input (`other-input`).
   */
  async claim<T>(subject: string, key: string, fingerprint: string): Promise<IdempotencyClaim<T>> {
    const id = this.#key(subject, key);
    const pending = JSON.stringify({ s: 'pending', f: fingerprint } satisfies Entry);
    const deadline = Date.now() + waitForFirstMs;
    for (;;) {
      const taken = await this.#setIfAbsent(id, pending, { s: 'pending', f: fingerprint });
      if (taken) return { kind: 'proceed' };
      const entry = await this.#get(id);
      if (entry === undefined) continue;
      if (entry.f !== fingerprint) return { kind: 'other-input' };
      if (entry.s === 'done') return { kind: 'replay', value: entry.v as T };
      if (Date.now() >= deadline) return { kind: 'running' };
      await delay(pollMs);
    }
  }

  /** Keeps the first attempt's answer for the window. */
  async complete(subject: string, key: string, fingerprint: string, value: unknown): Promise<void> {
    const id = this.#key(subject, key);
    const entry: Entry = { s: 'done', f: fingerprint, v: value };
    this.#local.set(id, entry);
    await this.#shared()
      ?.set(id, JSON.stringify(entry), 'EX', this.ttlSeconds)
      .catch(() => undefined);
  }

  /** Lets the key go after a failed attempt: a retry may write. */
  async release(subject: string, key: string): Promise<void> {
    const id = this.#key(subject, key);
    this.#local.delete(id);
    await this.#shared()
      ?.del(id)
      .catch(() => undefined);
  }

  async #setIfAbsent(id: string, text: string, entry: Entry): Promise<boolean> {
    const redis = this.#shared();
    if (redis) {
      try {
        return (await redis.set(id, text, 'PX', pendingMs, 'NX')) === 'OK';
      } catch {
        // Redis failed mid-call: this replica's memory decides instead.
      }
    }
    if (this.#local.has(id)) return false;
    this.#local.set(id, entry, { ttl: pendingMs });
    return true;
  }

  async #get(id: string): Promise<Entry | undefined> {
    const redis = this.#shared();
    if (redis) {
      try {
        const text = await redis.get(id);
        return text === null ? undefined : (JSON.parse(text) as Entry);
      } catch {
        // As above.
      }
    }
    return this.#local.get(id);
  }
}
