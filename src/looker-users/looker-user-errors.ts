import { LookerError } from '../looker/errors';

/** The message a caller without a Looker user sees; it names no credential and no token. */
export const unmappedMessage = 'No Looker user is mapped to this identity';

/** FORBIDDEN: the caller maps to no (enabled) Looker user, so no Looker call is made for them. */
export function unmappedCaller(detail?: string): LookerError {
  return new LookerError('FORBIDDEN', detail ? `${unmappedMessage} (${detail})` : unmappedMessage, 'map_looker_user');
}

/**
 * The API user may not look users up or act as them (Looker answered 403): an operator problem,
 * not the caller's, so it is not FORBIDDEN. Per-user mode then serves nothing rather than fall
 * back to the service account.
 */
export function perUserAccessUnavailable(operation: string): LookerError {
  return new LookerError(
    'INTERNAL_SERVER_ERROR',
    'Per-user Looker access is unavailable: the Looker API user may not act as other users',
    operation,
    403,
  );
}

/**
 * FORBIDDEN: the API user may act as others, but Looker refused this caller's lookup or login
 * (on Looker (Google Cloud core): a user who is not an embed user, an email lookup). The caller
 * gets the short message; `operatorCause` goes to the log, naming the Looker user and the reason.
 */
export class LookerUserRefusedError extends LookerError {
  constructor(
    message: string,
    operation: string,
    readonly operatorCause: string,
  ) {
    super('FORBIDDEN', message, operation, 403);
    this.name = 'LookerUserRefusedError';
  }
}

/** `login_user` refused for `userId` although the API user may call it. */
export function loginRefused(userId: string, core: boolean): LookerUserRefusedError {
  return core
    ? new LookerUserRefusedError(
        'Looker (Google Cloud core) lets this service act only as embed users, and your Looker user is not one',
        'login_user',
        `Looker (Google Cloud core) allows login_user only for embed users; user ${userId} is not one`,
      )
    : new LookerUserRefusedError(
        'Looker refused to let this service act as your Looker user',
        'login_user',
        `Looker refused login_user for user ${userId} although the API user may call login_user`,
      );
}

/** `user_for_credential` refused for a credential type although the API user may call `login_user`. */
export function lookupRefused(type: 'embed' | 'email', core: boolean): LookerUserRefusedError {
  const message = `${unmappedMessage} (Looker does not allow looking users up by ${type} here)`;
  return core
    ? new LookerUserRefusedError(
        message,
        'user_for_credential',
        `Looker (Google Cloud core) denies user_for_credential for ${type} credentials; map callers by embed credential (LOOKER_USER_MAPPING=embed) or name embed users in the policy file`,
      )
    : new LookerUserRefusedError(
        message,
        'user_for_credential',
        `Looker refused user_for_credential for ${type} credentials although the API user may call login_user`,
      );
}
