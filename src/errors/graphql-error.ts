import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-codes';

/**
 * A GraphQL error carrying one of our codes in `extensions.code`, with any further extensions
 * (`requiredScopes`, `argumentName`, Apollo's `http`). The code comes last, so no extension
 * replaces it.
 */
export function graphqlError(
  code: ErrorCode,
  message: string,
  extensions: Readonly<Record<string, unknown>> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}
