/**
 * A bounded map that forgets its least recently used entry once it holds more than `maxEntries`.
 * It relies on `Map` keeping insertion order: reading an entry re-inserts it at the end, so the
 * first key is always the least recently used one and every operation stays O(1).
 */
export class LruMap<K, V> {
  readonly #entries = new Map<K, V>();
  /** The most entries kept at once. */
  readonly maxEntries: number;

  constructor(maxEntries: number) {
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('maxEntries must be a positive integer');
    }
    this.maxEntries = maxEntries;
  }

  /** How many entries are kept now. */
  get size(): number {
    return this.#entries.size;
  }

  /** The value of `key`, which becomes the most recently used entry; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Stores `value` as the most recently used entry, forgetting the least recently used beyond the bound. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** Forgets `key`; true when it was there. */
  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  /** The keys from least to most recently used, without touching their recency. */
  keys(): IterableIterator<K> {
    return this.#entries.keys();
  }
}
