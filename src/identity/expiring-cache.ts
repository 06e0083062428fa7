import { LruMap } from '../auth/lru-map';

/** A value to keep, and the clock time (ms) after which it no longer counts. */
export interface Expiring<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * A bounded cache whose entries expire on an injected clock and whose missing keys are loaded
 * once at a time: concurrent first readers of a key share one load (one Looker call), and a
 * failed load is not remembered, so the next reader tries again.
 */
export class ExpiringCache<V> {
  readonly #entries: LruMap<string, Expiring<V>>;
  readonly #loading = new Map<string, Promise<V>>();
  readonly #clock: () => number;

  constructor(maxEntries: number, clock: () => number) {
    this.#entries = new LruMap(maxEntries);
    this.#clock = clock;
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

  /** The live value of `key`, else the value of one load shared by everyone asking meanwhile. */
  getOrLoad(key: string, load: () => Promise<Expiring<V>>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = this.#loading.get(key);
    if (pending === undefined) {
      pending = load()
        .then(({ value, expiresAt }) => {
          if (expiresAt > this.#clock()) this.#entries.set(key, { value, expiresAt });
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

  /** Entries kept now, expired ones included until read. */
  get size(): number {
    return this.#entries.size;
  }
}
