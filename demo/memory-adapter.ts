import type { Adapter, AdapterPayload } from 'oidc-provider';

/** Most artefacts one demo issuer keeps; the oldest are dropped beyond this. */
const MAX_ENTRIES = 10_000;

interface Entry {
  readonly payload: AdapterPayload;
  readonly expiresAt: number;
}

/**
 * Creates an in-memory adapter class for one provider instance. oidc-provider's own memory adapter
 * is module-global (two issuers in one process would share it) and warns on every start; this one
 * is bounded, per issuer, and quiet. JWT access tokens are never stored: only sessions, grants or
 * interactions would land here, should anyone use the browser endpoints of the demo.
 */
export function createMemoryAdapter(): new (name: string) => Adapter {
  const store = new Map<string, Entry>();

  const read = (key: string): AdapterPayload | undefined => {
    const entry = store.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  const write = (key: string, payload: AdapterPayload, expiresIn: number): void => {
    store.delete(key);
    store.set(key, { payload, expiresAt: Date.now() + expiresIn * 1000 });
    // Map iteration follows insertion order: the first key is the oldest write.
    while (store.size > MAX_ENTRIES) {
      const oldest = store.keys().next();
      if (oldest.done === true) break;
      store.delete(oldest.value);
    }
  };

  return class MemoryAdapter implements Adapter {
    readonly #name: string;

    constructor(name: string) {
      this.#name = name;
    }

    #key(id: string): string {
      return `${this.#name}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      write(this.#key(id), payload, expiresIn);
      if (payload.uid !== undefined) write(`uid:${payload.uid}`, { id }, expiresIn);
      if (payload.userCode !== undefined) write(`userCode:${payload.userCode}`, { id }, expiresIn);
      if (payload.grantId !== undefined) write(`grant:${payload.grantId}:${this.#key(id)}`, {}, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return read(this.#key(id));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.#findVia(`uid:${uid}`);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.#findVia(`userCode:${userCode}`);
    }

    async consume(id: string): Promise<void> {
      const payload = read(this.#key(id));
      if (payload !== undefined) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      store.delete(this.#key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const prefix = `grant:${grantId}:`;
      for (const key of [...store.keys()]) {
        if (!key.startsWith(prefix)) continue;
        store.delete(key);
        store.delete(key.slice(prefix.length));
      }
    }

    #findVia(indexKey: string): AdapterPayload | undefined {
      const id = read(indexKey)?.['id'];
      return typeof id === 'string' ? read(this.#key(id)) : undefined;
    }
  };
}
