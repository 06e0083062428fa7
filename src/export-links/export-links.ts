import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ExportFormat } from './export-format';

/** What an export runs, rebuilt by the server at download time from Looker (never a query carried in the link). */
export type ExportTarget =
  | { readonly kind: 'look'; readonly lookId: string }
  | {
      readonly kind: 'tile';
      readonly dashboardId: string;
      readonly tileId: string;
      /** The dashboard filter values in force for the tile (filter name → expression). */
      readonly filters: Readonly<Record<string, string>>;
    };

/** Whom a link belongs to: the token's subject, and the Looker identity it reads as. */
export interface ExportOwner {
  readonly subject: string;
  /** `service`, or `user:<id>` under per-user identity. */
  readonly lookerIdentity: string;
}

/** An opened link: what to run, in which format, for whom. */
export interface ExportLink {
  readonly target: ExportTarget;
  readonly format: ExportFormat;
  readonly owner: ExportOwner;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** Why a link does not open. */
export type LinkRefusal = 'invalid_link' | 'expired_link';

/** How long a link lives by default (`EXPORT_LINK_TTL`). */
export const defaultExportLinkTtlSeconds = 300;
/** Longest link `open` reads (and `issue` makes): well below Node's 16 KB request-header limit. */
export const maxLinkLength = 8000;

const version = 'x1';
const idText = z.string().min(1).max(300);
const payloadSchema = z
  .object({
    t: z.union([
      z.object({ k: z.literal('look'), l: idText }).strict(),
      z
        .object({ k: z.literal('tile'), d: idText, e: idText, f: z.record(z.string().max(300), z.string().max(1000)) })
        .strict(),
    ]),
    f: z.enum(['CSV', 'XLSX', 'JSON']),
    s: z.string().min(1).max(1000),
    i: z.string().min(1).max(300),
    x: z.number().int().positive(),
  })
  .strict();

/**
 * Export links: `/exports/x1.<nonce>.<sealed>`, the payload (what to run, the format, the owner,
 * the expiry) sealed with AES-256-GCM, so the link is both unreadable (no subject or filter value
 * shows in a proxy's log) and unforgeable (any change fails the tag). Nothing is stored: every
 * replica holding the same key opens a link. A link carries references (a look id, a dashboard id,
 * tile id and filter values), so the download reads the look or tile anew as the caller's Looker
 * identity, and content taken away meanwhile is not exported.
 */
export class ExportLinks {
  readonly #key: Buffer;

  /**
   * @param options.secret the key material (`EXPORT_SECRET`); without one, a random key for this
   * process only, so links do not survive a restart nor open on another replica.
   * @param options.ttlSeconds how long a link lives.
   * @param options.baseUrl the subgraph's public URL (`EXPORT_BASE_URL`); without one, links are
   * relative (`/exports/…`), to be resolved against the subgraph's own origin.
   * @param options.now the clock, for tests.
   */
  constructor(
    private readonly options: {
      readonly secret?: string;
      readonly ttlSeconds: number;
      readonly baseUrl?: string;
      readonly now?: () => number;
    },
  ) {
    const material = options.secret === undefined ? randomBytes(32) : Buffer.from(options.secret, 'utf8');
    // A key of its own, even when an operator reuses a secret elsewhere.
    this.#key = Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), 'looker-subgraph export links', 32));
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** The link (path, or absolute with a base URL) for an owner; throws a RangeError when it would be too long. */
  issue(target: ExportTarget, format: ExportFormat, owner: ExportOwner): string {
    const t =
      target.kind === 'look'
        ? { k: 'look', l: target.lookId }
        : { k: 'tile', d: target.dashboardId, e: target.tileId, f: target.filters };
    const payload = {
      t,
      f: format,
      s: owner.subject,
      i: owner.lookerIdentity,
      x: Math.ceil(this.now() / 1000) + this.options.ttlSeconds,
    };
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(Buffer.from(version));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final(), cipher.getAuthTag()]);
    const link = `${version}.${nonce.toString('base64url')}.${sealed.toString('base64url')}`;
    if (link.length > maxLinkLength) throw new RangeError('export link too long');
    return `${(this.options.baseUrl ?? '').replace(/\/+$/, '')}/exports/${link}`;
  }

  /** What a link (the last path segment) holds, or why it does not open. Never trusts more than the tag vouches for. */
  open(link: string): ExportLink | LinkRefusal {
    if (link.length > maxLinkLength) return 'invalid_link';
    const [prefix, nonceText, sealedText, ...rest] = link.split('.');
    if (
      prefix !== version ||
      rest.length > 0 ||
      !nonceText ||
      !sealedText ||
      !/^[A-Za-z0-9_-]{16}$/.test(nonceText) ||
      !/^[A-Za-z0-9_-]{24,}$/.test(sealedText)
    )
      return 'invalid_link';
    const sealed = Buffer.from(sealedText, 'base64url');
    let text: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(nonceText, 'base64url'));
      decipher.setAAD(Buffer.from(version));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      text = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      return 'invalid_link';
    }
    let parsed: z.infer<typeof payloadSchema>;
    try {
      parsed = payloadSchema.parse(JSON.parse(text));
    } catch {
      return 'invalid_link';
    }
    const expiresAt = parsed.x * 1000;
    if (expiresAt <= this.now()) return 'expired_link';
    const target: ExportTarget =
      parsed.t.k === 'look'
        ? { kind: 'look', lookId: parsed.t.l }
        : { kind: 'tile', dashboardId: parsed.t.d, tileId: parsed.t.e, filters: parsed.t.f };
    return { target, format: parsed.f, owner: { subject: parsed.s, lookerIdentity: parsed.i }, expiresAt };
  }
}
