import type { ServerResponse } from 'node:http';
import { httpStatusOf, type ErrorCode } from './error-codes';

/** Options of {@link sendGraphQLError}. */
export interface SendErrorOptions {
  /** Headers to set on the answer (`www-authenticate`, `retry-after`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A closer status than the code's own, where the refusal has one (413, 415 for `BAD_REQUEST`). */
  readonly status?: number;
}

/**
 * Answers with one GraphQL error in the shape Apollo uses (`{"errors":[{message, extensions:
 * {code}}]}`) and the code's HTTP status. A client then reads every refusal the same way, whichever
 * layer refused.
 */
export function sendGraphQLError(
  res: ServerResponse,
  code: ErrorCode,
  message: string,
  options: SendErrorOptions = {},
): void {
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.statusCode = options.status ?? httpStatusOf(code);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
