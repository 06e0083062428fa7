import type { IAccessToken } from '@looker/sdk';
import { LookerError } from '../looker/errors';
import type { LookerSession } from '../looker/looker-session';
import type { RetryPolicy } from '../looker/retry-policy';
import { perUserAccessUnavailable, loginRefused, lookupRefused } from './looker-user-errors';
import type { PerUserCapabilities } from './per-user-probe';
import { serviceCalls, type RequestCounter } from './service-calls';

/** A Looker user found by one of their credentials. */
export interface FoundUser {
  readonly id: string;
  readonly disabled: boolean;
}

/** What per-user mode asks Looker as the API (service) user. */
export interface LookerDirectory {
  /** The user holding a credential (`GET /users/credential/{type}/{id}`); undefined when none does (404). */
  findByCredential(type: 'embed' | 'email', id: string, onRequests?: RequestCounter): Promise<FoundUser | undefined>;
  /** A new token acting as `userId` (`POST /login/{user_id}`); a 404 (no such user) rejects with NOT_FOUND. */
  loginUser(userId: string, onRequests?: RequestCounter): Promise<IAccessToken>;
}

/**
 * The SDK leaves a path parameter that already looks URL-encoded as it is (its `encodeParam`
 * encodes a value only when decoding it changes nothing), so a subject such as `demo-analys%74`
 * would reach Looker as `demo-analyst`. Encoding here first makes every value arrive verbatim.
 */
const pathParam = (value: string) => encodeURIComponent(value);

/** Options of the directory. */
export interface LookerDirectoryOptions {
  readonly timeoutMs: number;
  readonly retry?: RetryPolicy;
  /**
   * What the API user may do (the start-up probe, kept for a while). A 403 is the caller's
   * problem (FORBIDDEN, e.g. not an embed user on Google Cloud core) when the API user may call
   * `login_user`, else the operator's (the API user is no admin).
   */
  readonly capabilities?: () => Promise<PerUserCapabilities | undefined>;
}

/** What per-user mode asks Looker, as the API user (see `serviceCalls`). */
export function createLookerDirectory(service: LookerSession, options: LookerDirectoryOptions): LookerDirectory {
  const call = serviceCalls(service, options);
  /** Why Looker answered 403: the API user's rights, or this lookup or user on this Looker. */
  const refused = async (
    error: unknown,
    operation: string,
    refusal: (core: boolean) => LookerError,
  ): Promise<never> => {
    if (!(error instanceof LookerError) || error.code !== 'FORBIDDEN') throw error;
    const caps = await options.capabilities?.().catch(() => undefined);
    if (caps?.loginUser === 'works') throw refusal(caps.flavor === 'core');
    throw perUserAccessUnavailable(operation);
  };

  return {
    async findByCredential(type, id, onRequests) {
      try {
        const user = await call(
          'user_for_credential',
          (settings) => service.sdk.user_for_credential(type, pathParam(id), 'id,is_disabled', settings),
          onRequests,
        );
        return user.id ? { id: String(user.id), disabled: user.is_disabled === true } : undefined;
      } catch (error) {
        if (error instanceof LookerError && error.code === 'NOT_FOUND') return undefined;
        return refused(error, 'user_for_credential', (core) => lookupRefused(type, core));
      }
    },
    async loginUser(userId, onRequests) {
      try {
        return await call('login_user', (settings) => service.sdk.login_user(pathParam(userId), settings), onRequests);
      } catch (error) {
        return refused(error, 'login_user', (core) => loginRefused(userId, core));
      }
    },
  };
}
