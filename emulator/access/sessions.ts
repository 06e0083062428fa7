import { randomBytes } from 'node:crypto';
import type { IAccessToken } from '@looker/sdk';

/** An issued API token and whom it acts as. */
export interface Session {
  token: string;
  userId: string;
  /** Epoch milliseconds after which the token is refused. */
  expiresAt: number;
}

/** Alphabet of Looker's 40-character opaque tokens. */
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random opaque token shaped like Looker's (40 alphanumerics). */
function newToken(): string {
  const bytes = randomBytes(40);
  let token = '';
  for (const b of bytes) token += TOKEN_ALPHABET[b % TOKEN_ALPHABET.length];
  return token;
}

/**
 * The emulator's API sessions: tokens issued by `login` and `login_user`, expiring after the
 * configured TTL on the injected clock (tests pass a controllable one).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** Every token ever issued (bounded), so tests can check none leaked anywhere. */
  private readonly history: string[] = [];

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Issues a new token acting as `userId`, in Looker's `AccessToken` shape. */
  issue(userId: string): IAccessToken {
    this.prune();
    const token = newToken();
    if (this.history.push(token) > 10_000) this.history.shift();
    this.sessions.set(token, { token, userId, expiresAt: this.now() + this.ttlSeconds * 1000 });
    return { access_token: token, token_type: 'Bearer', expires_in: this.ttlSeconds, refresh_token: null };
  }

  /** The live session of a token, or undefined when unknown, revoked or expired. */
  resolve(token: string): Session | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(token);
      return undefined;
    }
    return session;
  }

  /** Tokens issued since start (the last 10,000), live or not. */
  issuedTokens(): string[] {
    return [...this.history];
  }

  /** Revokes one token (logout). */
  revoke(token: string): void {
    this.sessions.delete(token);
  }

  /** Expires every token now; callers must log in again. */
  expireAll(): void {
    this.sessions.clear();
  }

  /** Number of live sessions. */
  get size(): number {
    this.prune();
    return this.sessions.size;
  }

  /** Drops expired sessions so long runs do not accumulate them. */
  private prune(): void {
    const now = this.now();
    for (const [token, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(token);
  }
}
