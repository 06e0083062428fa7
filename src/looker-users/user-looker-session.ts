import type { Looker40SDK } from '@looker/sdk';
import type { IApiSettings, ITransport, ITransportSettings } from '@looker/sdk-rtl';
import type { Principal } from '../auth/principal';
import { attemptOf } from '../looker/call-scope';
import { LookerError } from '../looker/errors';
import type { LookerSession } from '../looker/looker-session';
import { PreparedLooker40SDK } from '../looker/prepared-sdk';
import { TokenAuthSession } from '../looker/token-auth-session';
import type { LookerUserRef } from '../policy/policy-model';
import type { Secret } from '../config/secret';
import { unmappedCaller } from './looker-user-errors';
import type { RequestCounter } from './service-calls';
import type { UserMapper } from './user-mapping';
import type { UserTokens } from './user-tokens';

/** What a request's user session draws on; shared by all requests. */
export interface UserSessionDeps {
  readonly settings: IApiSettings;
  readonly transport: ITransport;
  readonly mapper: UserMapper;
  readonly tokens: UserTokens;
}

/**
 * One request's Looker session in per-user mode. Its SDK is usable at once; the caller's Looker
 * user and token are found when the first call goes out (so a request that needs no Looker costs
 * no lookup, and an unmapped caller gets FORBIDDEN on the fields that need Looker, not a failed
 * request). Every call authenticates with that user's `login_user` token and nothing else.
 */
export class UserLookerSession implements LookerSession {
  readonly sdk: Looker40SDK;
  readonly #auth: TokenAuthSession;
  #userId: string | undefined;
  #user: Promise<string> | undefined;
  #token: Secret | undefined;

  constructor(
    private readonly deps: UserSessionDeps,
    private readonly principal: Principal | null,
    private readonly lookerUser: LookerUserRef | undefined,
  ) {
    this.#auth = new TokenAuthSession(deps.settings, deps.transport);
    this.sdk = new PreparedLooker40SDK(this.#auth, (settings) => this.#prepare(settings));
  }

  /** The Looker user this request acts as, once its first call resolved it. */
  get lookerUserId(): string | undefined {
    return this.#userId;
  }

  /** The caller's Looker user, found once per request (mapping cached across requests), without logging in. */
  async identity(count: RequestCounter): Promise<string> {
    this.#user ??= this.#resolveUser(count);
    return `user:${await this.#user}`;
  }

  /** Looker refused the token (401): drop it for every request of this user, so the retry logs in anew. */
  invalidate(): void {
    if (this.#userId !== undefined && this.#token !== undefined) this.deps.tokens.invalidate(this.#userId, this.#token);
  }

  /** Finds this request's Looker user (once per request) and that user's current token (every call, from cache). */
  async #prepare(settings: Partial<ITransportSettings> | undefined): Promise<void> {
    // Lookups and logins happen inside the first call that needs them: count them with it.
    const attempt = attemptOf(settings);
    const count: RequestCounter = (n) => {
      if (attempt) attempt.requests += n;
    };
    // Remembering the outcome, failures included, keeps one request from asking again per field.
    this.#user ??= this.#resolveUser(count);
    const userId = await this.#user;
    try {
      this.#token = await this.deps.tokens.tokenFor(userId, count);
    } catch (error) {
      if (error instanceof LookerError && error.code === 'NOT_FOUND') {
        // The mapped Looker user is gone: look the caller up afresh next time.
        if (this.principal) this.deps.mapper.forget(this.principal, this.lookerUser);
        throw unmappedCaller();
      }
      throw error;
    }
    this.#userId = userId;
    this.#auth.useToken(this.#token);
  }

  #resolveUser(count: RequestCounter): Promise<string> {
    if (!this.principal) return Promise.reject(unmappedCaller('the request has no authenticated caller'));
    return this.deps.mapper.resolve(this.principal, this.lookerUser, count);
  }
}
