import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What `create_sso_embed_url` signs into a URL (Looker's `EmbedSsoParams`, after defaults). */
export interface EmbedSsoRequest {
  /** The Looker UI path to open, e.g. `/embed/dashboards/1` (from `target_url`). */
  readonly targetPath: string;
  /** The host of `target_url` (`https://company.looker.com`). */
  readonly host: string;
  readonly sessionLength: number;
  readonly forceLogoutLogin: boolean;
  readonly externalUserId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly permissions: readonly string[];
  readonly models: readonly string[];
  readonly groupIds: readonly string[];
  readonly externalGroupId: string | null;
  readonly userAttributes: Readonly<Record<string, unknown>>;
}

/** An embed user as the emulator records it at its latest embed login. */
export interface EmbedUser {
  readonly id: string;
  readonly external_user_id: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly permissions: readonly string[];
  readonly models: readonly string[];
  readonly group_ids: readonly string[];
  readonly user_attributes: Readonly<Record<string, unknown>>;
  /** The page the last login opened. */
  readonly target: string;
  readonly session_length: number;
  readonly logins: number;
}

/** How a signed embed URL fared: accepted, or why not. */
export type EmbedCheck =
  | { readonly ok: true; readonly request: EmbedSsoRequest }
  | { readonly ok: false; readonly reason: 'malformed' | 'signature' | 'expired' | 'used' };

/** Looker refuses an embed URL whose `time` is more than five minutes from its own clock. */
const maxClockSkewSeconds = 300;

/** The URL parameters Looker signs, in the order they are signed (each as JSON, as Looker's examples send them). */
const signedParams = [
  'nonce',
  'time',
  'session_length',
  'external_user_id',
  'permissions',
  'models',
  'group_ids',
  'external_group_id',
  'user_attributes',
  'access_filters',
] as const;

/**
 * Signed SSO embed URLs of one emulator instance: signed with a secret made at start (Looker's
 * embed secret, which never leaves it), each usable once, the embed users they logged in recorded.
 * The signature follows Looker's SSO embed scheme: HMAC-SHA1 (base64) over the host, the login
 * path and the parameters above, one per line.
 */
export class EmbedSso {
  private readonly secret = randomBytes(32);
  private readonly usedNonces = new Set<string>();
  private readonly users = new Map<string, EmbedUser>();
  private nextUserId = 1000;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** A signed URL under `webUrl` that logs the request's embed user in and opens its target. */
  sign(request: EmbedSsoRequest, webUrl: string): string {
    const path = `/login/embed/${encodeURIComponent(request.targetPath)}`;
    const values: Record<(typeof signedParams)[number], string> = {
      nonce: JSON.stringify(randomBytes(16).toString('hex')),
      time: JSON.stringify(Math.floor(this.now() / 1000)),
      session_length: JSON.stringify(request.sessionLength),
      external_user_id: JSON.stringify(request.externalUserId),
      permissions: JSON.stringify(request.permissions),
      models: JSON.stringify(request.models),
      group_ids: JSON.stringify(request.groupIds),
      external_group_id: JSON.stringify(request.externalGroupId ?? ''),
      user_attributes: JSON.stringify(request.userAttributes),
      access_filters: JSON.stringify({}),
    };
    const query = new URLSearchParams({
      ...values,
      first_name: JSON.stringify(request.firstName),
      last_name: JSON.stringify(request.lastName),
      force_logout_login: JSON.stringify(request.forceLogoutLogin),
      signature: this.signature(request.host, path, values),
    });
    return `${webUrl}${path}?${query.toString()}`;
  }

  /** Checks a signed URL (signature, age, whether it was used); `spend` marks it used when it passes. */
  check(url: string, host: string, spend: boolean): EmbedCheck {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const p = parsed.searchParams;
    const values: Partial<Record<(typeof signedParams)[number], string>> = {};
    for (const name of signedParams) {
      const value = p.get(name);
      if (value === null) return { ok: false, reason: 'malformed' };
      values[name] = value;
    }
    const given = Buffer.from(p.get('signature') ?? '', 'base64');
    const expected = Buffer.from(
      this.signature(host, parsed.pathname, values as Record<(typeof signedParams)[number], string>),
      'base64',
    );
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'signature' };
    const request = this.requestOf(parsed, host);
    if (!request) return { ok: false, reason: 'malformed' };
    const time = Number(JSON.parse(values.time ?? '0'));
    if (Math.abs(this.now() / 1000 - time) > maxClockSkewSeconds) return { ok: false, reason: 'expired' };
    const nonce = values.nonce ?? '';
    if (this.usedNonces.has(nonce)) return { ok: false, reason: 'used' };
    if (spend) this.usedNonces.add(nonce);
    return { ok: true, request };
  }

  /** Records (or updates) the embed user a URL logged in: the same `external_user_id` is the same user. */
  login(request: EmbedSsoRequest): EmbedUser {
    const before = this.users.get(request.externalUserId);
    const user: EmbedUser = {
      id: before?.id ?? String(this.nextUserId++),
      external_user_id: request.externalUserId,
      first_name: request.firstName,
      last_name: request.lastName,
      permissions: request.permissions,
      models: request.models,
      group_ids: request.groupIds,
      user_attributes: request.userAttributes,
      target: request.targetPath,
      session_length: request.sessionLength,
      logins: (before?.logins ?? 0) + 1,
    };
    this.users.set(request.externalUserId, user);
    return user;
  }

  /** Every embed user logged in so far. */
  embedUsers(): EmbedUser[] {
    return [...this.users.values()];
  }

  private signature(host: string, path: string, values: Record<(typeof signedParams)[number], string>): string {
    const text = [host, path, ...signedParams.map((name) => values[name])].join('\n');
    return createHmac('sha1', this.secret).update(text, 'utf8').digest('base64');
  }

  /** The request a (signature-checked) URL carries. */
  private requestOf(url: URL, host: string): EmbedSsoRequest | undefined {
    try {
      const p = url.searchParams;
      const json = (name: string): unknown => JSON.parse(p.get(name) ?? 'null');
      const strings = (name: string): string[] => {
        const v = json(name);
        return Array.isArray(v) ? v.map(String) : [];
      };
      const attributes = json('user_attributes');
      return {
        targetPath: decodeURIComponent(url.pathname.slice('/login/embed/'.length)),
        host,
        sessionLength: Number(json('session_length')),
        forceLogoutLogin: json('force_logout_login') !== false,
        externalUserId: String(json('external_user_id')),
        firstName: String(json('first_name') ?? 'Embed'),
        lastName: String(json('last_name') ?? 'User'),
        permissions: strings('permissions'),
        models: strings('models'),
        groupIds: strings('group_ids'),
        externalGroupId: (json('external_group_id') as string | null) || null,
        userAttributes:
          attributes && typeof attributes === 'object' && !Array.isArray(attributes)
            ? (attributes as Record<string, unknown>)
            : {},
      };
    } catch {
      return undefined;
    }
  }
}
