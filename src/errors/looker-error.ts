import type { ErrorCode } from './error-codes';

/**
 * The codes of {@link ErrorCode} a Looker failure maps to, plus NOT_FOUND which resolvers turn
 * into null: a subset of the one list, not a list of its own.
 */
export type LookerErrorCode = Extract<
  ErrorCode,
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'LOOKER_UNAVAILABLE'
  | 'LOOKER_RATE_LIMITED'
  | 'LOOKER_BUDGET_EXCEEDED'
  | 'LOOKER_QUERY_FAILED'
  | 'INTERNAL_SERVER_ERROR'
>;

/**
 * A failed Looker call, already classified. Its message is ours and safe to show a client: it
 * never carries a token, a credential, or Looker's raw answer (except the field names of a
 * validation error, which echo the caller's own input).
 */
export class LookerError extends Error {
  constructor(
    readonly code: LookerErrorCode,
    message: string,
    readonly operation: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LookerError';
  }
}
