import { LookerError } from '../looker/errors';

/** The message a caller without a Looker user sees; it names no credential and no token. */
export const unmappedMessage = 'No Looker user is mapped to this identity';

/** FORBIDDEN: the caller maps to no (enabled) Looker user, so no Looker call is made for them. */
export function unmappedIdentity(detail?: string): LookerError {
  return new LookerError('FORBIDDEN', detail ? `${unmappedMessage} (${detail})` : unmappedMessage, 'map_looker_user');
}

/**
 * The API user may not look users up or act as them (Looker answered 403): an operator problem,
 * not the caller's, so it is not FORBIDDEN. Per-user mode then serves nothing rather than fall
 * back to the service account.
 */
export function identityMisconfigured(operation: string): LookerError {
  return new LookerError(
    'INTERNAL_SERVER_ERROR',
    'Per-user Looker access is unavailable: the Looker API user may not act as other users',
    operation,
    403,
  );
}
