import type { RequestAudit } from './request-audit';
import { sendGraphQLError } from '../errors';
import type { Logger } from '../observability/logger';
import { refuseUnauthenticated } from './anonymous-requests';
import type { FrontErrorHandler } from './handler-chain';
import { authOf } from './request-auth';
import { requestIdOf } from './request-id';

/** How a body-parser failure (`err.type`) is answered, and the reason the audit records. */
const bodyFailures: Readonly<Record<string, { status: number; reason: string; message: string }>> = {
  'entity.parse.failed': { status: 400, reason: 'malformed_json', message: 'The request body is not valid JSON' },
  'entity.too.large': { status: 413, reason: 'body_too_large', message: 'The request body is too large' },
  'entity.verify.failed': { status: 400, reason: 'bad_request', message: 'The request body was refused' },
  'encoding.unsupported': { status: 415, reason: 'content_encoding', message: 'The content encoding is not supported' },
  'charset.unsupported': { status: 415, reason: 'charset', message: 'The charset is not supported: send UTF-8' },
  'request.aborted': { status: 400, reason: 'request_aborted', message: 'The request was aborted' },
  'request.size.invalid': {
    status: 400,
    reason: 'bad_request',
    message: 'The request body does not match its Content-Length',
  },
};

/** A property of an unknown error, when it has one of this type. */
function field<T extends 'string' | 'number'>(
  error: unknown,
  name: string,
  type: T,
): (T extends 'string' ? string : number) | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === type ? (value as T extends 'string' ? string : number) : undefined;
}

/**
 * Replaces Express's default error handler, which answers an HTML page (with a stack outside
 * production) and prints the error — and with it the raw request body, a token in it included —
 * to standard error. Every failure is answered with a JSON GraphQL error; the log gets the error's
 * type and status only, never its message (body-parser's quotes the body) or the body.
 */
export function graphqlErrorHandler(options: { logger: Logger; audit: RequestAudit }): FrontErrorHandler {
  return (error: unknown, _req, res, next) => {
    const type = field(error, 'type', 'string');
    const known = type === undefined ? undefined : bodyFailures[type];
    const status = known?.status ?? field(error, 'status', 'number') ?? 500;
    const requestId = requestIdOf(res);
    if (res.headersSent) {
      // Too late for an answer of our own: let Express close the connection.
      options.logger.warn(
        { requestId, type: type ?? (error instanceof Error ? error.name : typeof error), status },
        'request failed after the answer started',
      );
      next(error);
      return;
    }
    // Without a valid token, a body over the anonymous limit is an authentication matter.
    if (type === 'entity.too.large' && !authOf(res).principal) {
      options.logger.info({ requestId, type, status: 401 }, 'request refused');
      refuseUnauthenticated(res, options.audit);
      return;
    }
    if (known || (status >= 400 && status < 500)) {
      options.logger.info({ requestId, type: type ?? 'client_error', status }, 'request refused');
      options.audit.refuse(res, { reason: known?.reason ?? 'bad_request' });
      sendGraphQLError(res, 'BAD_REQUEST', known?.message ?? 'Bad request', { status });
      return;
    }
    options.logger.error(
      { requestId, type: type ?? (error instanceof Error ? error.name : typeof error), status: 500 },
      'request failed',
    );
    options.audit.refuse(res, { reason: 'internal_error', outcome: 'error' });
    sendGraphQLError(res, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}
