import { LookerError } from '../looker/errors';
import { Secret } from '../config/secret';
import { LocalCache } from '../cache/local-cache';
import type { LookerDirectory } from './looker-directory';
import type { RequestCounter } from './service-calls';

/** Options of the per-user token cache. */
export interface UserTokensOptions {
  readonly directory: LookerDirectory;
  readonly clock: () => number;
  /** Renew this long before Looker's `expires_in` runs out (at most half the token's lifetime). */
  readonly renewMarginMs: number;
  readonly maxEntries: number;
}

/** Lifetime assumed when Looker's answer has no usable `expires_in` (Looker's default is one hour). */
const defaultLifetimeMs = 3_600_000;

/**
 * `login_user` tokens, one per Looker user, kept until shortly before they expire. Concurrent
 * first requests of a user share one `POST /login/{id}`; a token Looker refused (401) is dropped
 * and the next request of that user logs in again. Tokens are held as `Secret`s so they cannot
 * reach a log line by accident.
 */
export class UserTokens {
  readonly #cache: LocalCache<Secret>;

  constructor(private readonly options: UserTokensOptions) {
    this.#cache = new LocalCache({ maxEntries: options.maxEntries, clock: options.clock });
  }

  /** A live token acting as `userId`. */
  tokenFor(userId: string, onRequests?: RequestCounter): Promise<Secret> {
    return this.#cache.getOrLoad(userId, async () => {
      const { directory, clock, renewMarginMs } = this.options;
      // Counting from before the call errs on the side of renewing early.
      const issuedAt = clock();
      const answer = await directory.loginUser(userId, onRequests);
      if (typeof answer.access_token !== 'string' || answer.access_token === '') {
        throw new LookerError('INTERNAL_SERVER_ERROR', 'Looker answered login_user without a token', 'login_user');
      }
      const lifetimeMs =
        typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in * 1000 : defaultLifetimeMs;
      const margin = Math.min(renewMarginMs, lifetimeMs / 2);
      return { value: new Secret(answer.access_token), expiresAt: issuedAt + lifetimeMs - margin };
    });
  }

  /** Drops `token` of `userId` after Looker refused it, unless a newer one replaced it already. */
  invalidate(userId: string, token: Secret): void {
    this.#cache.delete(userId, token);
  }
}
