/** The one list of error codes, and the builders every door makes its errors and 401 challenges with. */
export { bearerChallenge, authRealm, tokenChallenge, type ChallengeParams } from './bearer-challenge';
export {
  errorCodes,
  httpStatusOf,
  isClientSafe,
  isErrorCode,
  type ErrorCode,
  type ErrorCodeEntry,
} from './error-codes';
export { errorTable } from './error-table';
export { graphqlError } from './graphql-error';
export { sendGraphQLError, type SendErrorOptions } from './send-error';
export { LookerError, type LookerErrorCode } from './looker-error';
