import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { isClientSafe, type ErrorCode } from '../errors';
import type { Logger } from '../observability/logger';
import { LookerError } from '../looker/errors';

/**
 * Shapes every error a client sees (docs/errors.md):
 * - an error whose code the table of error codes marks client-safe keeps its code and message (for a
 *   Looker failure, the message is ours);
 * - anything else is masked as INTERNAL_SERVER_ERROR and logged by name and message only, never with
 *   a stack trace, a token or Looker's raw answer.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = { path: formatted.path, locations: formatted.locations };
    if (original instanceof LookerError && isClientSafe(original.code)) {
      return { message: original.message, ...where, extensions: { code: original.code } };
    }
    const code = formatted.extensions?.code;
    if (isClientSafe(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const name = original instanceof Error ? original.name : typeof original;
    const message = original instanceof GraphQLError || original instanceof Error ? original.message : String(original);
    logger.error({ err: { name, message }, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      ...where,
      extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
    };
  };
}
