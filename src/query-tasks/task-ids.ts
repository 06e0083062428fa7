import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Whom a query task belongs to: the token's subject, and the Looker identity it runs as. */
export interface TaskOwner {
  readonly subject: string;
  /** `service`, or `user:<id>` under per-user identity. */
  readonly lookerIdentity: string;
}

/** How long an id stays valid: longer than Looker keeps a task's results. */
export const taskIdLifetimeMs = 24 * 60 * 60 * 1000;

const version = 'qt1';
/** Looker's task ids are hex strings; anything else is not one of ours. */
const lookerTaskIdPattern = /^[A-Za-z0-9_-]{1,128}$/;
const macPattern = /^[A-Za-z0-9_-]{43}$/;
/** Longest id `open` reads; longer ones are refused before any work. */
const maxIdLength = 256;

/**
 * Opaque query task ids: `qt1.<Looker task id>.<expiry>.<HMAC>`, the HMAC-SHA256 binding the Looker
 * task id and expiry to the owner (subject and Looker identity). Nothing is stored, so any replica
 * holding the same key can check an id; an id shown to another subject, altered, or expired opens
 * to nothing. The Looker task id is not secret: the MAC, not the id, is the boundary.
 */
export class QueryTaskIds {
  readonly #key: Buffer;

  /**
   * @param key the signing key (`QUERY_TASK_SECRET`); without one, a random key for this process
   * only, so ids do not survive a restart or reach another replica.
   * @param now the clock, for tests.
   */
  constructor(
    key: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.#key = key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8');
  }

  /** The id handed to the owner of a Looker task. */
  issue(lookerTaskId: string, owner: TaskOwner): string {
    if (!lookerTaskIdPattern.test(lookerTaskId)) throw new TypeError('Unexpected Looker query task id');
    const expires = Math.ceil((this.now() + taskIdLifetimeMs) / 1000).toString(36);
    return `${version}.${lookerTaskId}.${expires}.${this.mac(lookerTaskId, expires, owner)}`;
  }

  /** The Looker task id behind an id, when it was issued to this owner and has not expired; else undefined. */
  open(id: string, owner: TaskOwner): string | undefined {
    if (id.length > maxIdLength) return undefined;
    const [prefix, lookerTaskId, expires, mac, ...rest] = id.split('.');
    if (prefix !== version || rest.length > 0 || !lookerTaskId || !expires || !mac) return undefined;
    if (!lookerTaskIdPattern.test(lookerTaskId) || !/^[0-9a-z]{1,12}$/.test(expires) || !macPattern.test(mac))
      return undefined;
    // The text, not its decoded bytes: base64url's last character carries unused bits, so several
    // spellings decode to the same MAC; only the one issued is accepted. Both are 43 characters.
    if (!timingSafeEqual(Buffer.from(this.mac(lookerTaskId, expires, owner), 'latin1'), Buffer.from(mac, 'latin1')))
      return undefined;
    if (parseInt(expires, 36) * 1000 <= this.now()) return undefined;
    return lookerTaskId;
  }

  private mac(lookerTaskId: string, expires: string, owner: TaskOwner): string {
    // Length-prefixed fields: no two different owners or ids can produce the same signed text.
    const fields = [version, lookerTaskId, expires, owner.subject, owner.lookerIdentity];
    const text = fields.map((f) => `${f.length}:${f}`).join('|');
    return createHmac('sha256', this.#key).update(text, 'utf8').digest('base64url');
  }
}
