import { LRUCache } from 'lru-cache';

/** A value to keep, and the clock time (ms) after which it no longer counts. */
export interface Expiring<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/** Options of a process-local cache. */
export interface LocalCacheOptions {
  /** The most entries kept; the least recently used goes first. */
  readonly maxEntries: number;
  /** The clock expiries are read on (ms); tests inject their own. */
  readonly clock?: () => number;
}

/**
 * A bounded, expiring cache that stays in this process — for what must never reach a shared store
 * (Looker tokens of users, verified caller tokens, identity mappings). Built on lru-cache (the
 * library under the shared cache's first level too): each entry expires at its own time on the
 * injected clock, the least recently used goes first once `maxEntries` are kept, and concurrent
 * first readers of a key share one load, whose failure is not remembered.
 */
export class LocalCache<V extends NonNullable<unknown>> {
  readonly #entries: LRUCache<string, Expiring<V>>;
  readonly #loading = new Map<string, Promise<V>>();
  readonly #clock: () => number;

  constructor(options: LocalCacheOptions) {
    if (!Number.isSafeInteger(options.maxEntries) || options.maxEntries < 1)
      throw new TypeError('maxEntries must be a positive integer');
    this.#clock = options.clock ?? Date.now;
    // lru-cache's own TTL (on the same clock) lets it drop expired entries first when full; the
    // exact expiry, `expiresAt` itself included, is checked on every read.
    this.#entries = new LRUCache<string, Expiring<V>>({
      max: options.maxEntries,
      ttlResolution: 0,
      perf: { now: this.#clock },
    });
  }

  /** The live value of `key`, or undefined when absent or expired. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#clock()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value` until `expiresAt` (clock time, ms); a time already past keeps nothing. */
  set(key: string, value: V, expiresAt: number): void {
    const ttl = Math.ceil(expiresAt - this.#clock());
    if (ttl > 0) this.#entries.set(key, { value, expiresAt }, { ttl });
    else this.#entries.delete(key);
  }

  /** The live value of `key`, else the value of one load shared by everyone asking meanwhile. */
  getOrLoad(key: string, load: () => Promise<Expiring<V>>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = this.#loading.get(key);
    if (pending === undefined) {
      pending = load()
        .then(({ value, expiresAt }) => {
          this.set(key, value, expiresAt);
          return value;
        })
        .finally(() => this.#loading.delete(key));
      this.#loading.set(key, pending);
    }
    return pending;
  }

  /** Forgets `key`, or only when its value is `value` (so a newer value someone stored survives). */
  delete(key: string, value?: V): void {
    if (value === undefined || this.#entries.get(key)?.value === value) this.#entries.delete(key);
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
  }

  /** Entries kept now. */
  get size(): number {
    return this.#entries.size;
  }
}
