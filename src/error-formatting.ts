import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from './logger';
import { LookerError } from './looker/errors';

// Codes whose messages we or GraphQL wrote for the client, so they are safe to pass on.
const clientCodes = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Shapes every error a client sees (design §5): Looker failures keep their code and our message,
 * client errors pass through, and anything else is masked as INTERNAL_SERVER_ERROR and logged by
 * name and message only — never a stack trace, a token or Looker's raw answer.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = { path: formatted.path, locations: formatted.locations };
    if (original instanceof LookerError && original.code !== 'INTERNAL_SERVER_ERROR') {
      return { message: original.message, ...where, extensions: { code: original.code } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && clientCodes.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const name = original instanceof Error ? original.name : typeof original;
    const message = original instanceof GraphQLError || original instanceof Error ? original.message : String(original);
    logger.error({ err: { name, message }, path: formatted.path }, 'unexpected error while resolving');
    return { message: 'Internal server error', ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
