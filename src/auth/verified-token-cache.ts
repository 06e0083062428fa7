import { hash } from 'node:crypto';
import { recordCacheLookup } from '../observability';
import { LocalCache } from '../cache/local-cache';
import type { Principal } from './principal';
import { TokenRejectedError } from './token-errors';

/** Default bound of the verified-token cache, in entries. */
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;

/** Default longest life of one cache entry, in seconds, whatever the token's own `exp`. */
export const DEFAULT_CACHE_MAX_AGE_SECONDS = 300;

/**
 * Options of the verified-token cache (the `cache` option of `createTokenVerifier`).
 *
 * Trade-off: a cached token is answered without looking at the issuer's keys again, so a key
 * removed from the JWKS (or revoked) keeps honouring the tokens it signed for as long as they are
 * cached. Entries therefore live until the token's `exp` or `maxAgeSeconds` after verification,
 * whichever comes first: a removed key stops working within `maxAgeSeconds` plus the age of the
 * JWKS that jose has cached (`jwks.cacheMaxAge`, 10 minutes by default).
 */
export interface VerifiedTokenCacheOptions {
  /** The most verified tokens remembered; the least recently used is forgotten first. Default 10,000. */
  readonly maxEntries?: number;
  /** The longest an entry is trusted, in seconds of the verifier's clock. Default 300. */
  readonly maxAgeSeconds?: number;
}

/** What the cache must know of the verifier so that its answers never differ from a full verification. */
export interface VerifierClock {
  /** The verifier's clock. */
  readonly currentDate: () => Date;
  /** The verifier's leeway for `exp`, `nbf` and `iat`, in seconds. */
  readonly clockToleranceSeconds: number;
}

interface Entry {
  readonly principal: Principal;
  /** The token's `exp`, in seconds. */
  readonly expiresAt: number;
  /** The later of `nbf` and `iat`, in seconds (or -Infinity). */
  readonly validFrom: number;
  /** When the entry stops being trusted, in milliseconds of the verifier's clock. */
  readonly staleAt: number;
}

/**
 * The cache key of a token: the SHA-256 of the whole compact token. Any change to any byte (a
 * tampered payload, another signature) gives another key, and the cache never holds the token.
 */
export function tokenCacheKey(token: string): string {
  // One-shot: no Hash object per request.
  return hash('sha256', token, 'base64url');
}

/**
 * Puts a bounded LRU of verified tokens in front of `verify`: a token verified once is answered by
 * a lookup until it expires or its entry grows stale, with `exp` re-checked against the verifier's
 * clock and tolerance on every hit, exactly as jose checks it. Only successful verifications are
 * remembered: a refusal may be transient (keys unavailable, `nbf` not reached yet), and caching
 * them would let anonymous callers fill memory; since only verified tokens enter, nobody without a
 * valid token can evict anyone else's entry. Concurrent first verifications of one token share one
 * signature check. Each caller gets its own copy of the principal (its own scope set) so that
 * nothing one request does to it reaches another; the claims are deeply frozen by the verifier.
 */
export function withVerifiedTokenCache(
  verify: (token: string) => Promise<Principal>,
  options: VerifiedTokenCacheOptions,
  clock: VerifierClock,
): (token: string) => Promise<Principal> {
  const maxAgeSeconds = options.maxAgeSeconds ?? DEFAULT_CACHE_MAX_AGE_SECONDS;
  if (!Number.isFinite(maxAgeSeconds) || maxAgeSeconds <= 0) {
    throw new TypeError('cache.maxAgeSeconds must be a positive number');
  }
  // Entries live on the verifier's clock; each goes at its `staleAt`, or sooner when least recently used.
  const entries = new LocalCache<Entry>({
    maxEntries: options.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES,
    clock: () => clock.currentDate().getTime(),
  });
  const inFlight = new Map<string, Promise<Principal>>();
  const tolerance = clock.clockToleranceSeconds;

  const remember = (key: string, principal: Principal, verifiedAt: number): void => {
    const { exp, nbf, iat } = principal.claims;
    // The verifier requires a numeric `exp`; anything else would be an entry without an end.
    if (typeof exp !== 'number') return;
    const staleAt = verifiedAt + maxAgeSeconds * 1000;
    entries.set(
      key,
      {
        principal,
        expiresAt: exp,
        validFrom: Math.max(typeof nbf === 'number' ? nbf : -Infinity, typeof iat === 'number' ? iat : -Infinity),
        staleAt,
      },
      staleAt,
    );
  };

  return async (token) => {
    const key = tokenCacheKey(token);
    const now = clock.currentDate().getTime();
    const entry = entries.get(key);
    if (entry !== undefined) {
      // Same rule and rounding as jose's `exp` check, so the cache never accepts what the verifier
      // would refuse, nor refuses what it would accept.
      const nowSeconds = Math.floor(now / 1000);
      if (entry.expiresAt <= nowSeconds - tolerance) {
        entries.delete(key);
        // Answered from the cache: the token was known, and is now past its `exp`.
        recordCacheLookup('verified_token', true);
        throw new TokenRejectedError('expired', 'exp');
      }
      // A stale entry, or a clock that went back before the token's `nbf`/`iat`: verify afresh.
      if (now < entry.staleAt && entry.validFrom <= nowSeconds + tolerance) {
        recordCacheLookup('verified_token', true);
        return handOut(entry.principal);
      }
      entries.delete(key);
    }

    recordCacheLookup('verified_token', false);
    let pending = inFlight.get(key);
    if (pending === undefined) {
      pending = verify(token)
        .then((principal) => {
          remember(key, principal, now);
          return principal;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return handOut(await pending);
  };
}

function handOut(principal: Principal): Principal {
  return { ...principal, scopes: new Set(principal.scopes) };
}
