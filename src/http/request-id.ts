import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const requestIdPattern = /^[\w.:-]{1,128}$/;
const byResponse = new WeakMap<ServerResponse, string>();

/**
 * Gives a request its id and echoes it in the answer's `x-request-id`. The id is the caller's
 * `x-request-id` when it is sane (it ends up in logs and headers), else a new one.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
  byResponse.set(res, requestId);
  res.setHeader('x-request-id', requestId);
  return requestId;
}

/** The id {@link assignRequestId} gave the request of this response (`unknown` before it ran). */
export function requestIdOf(res: ServerResponse): string {
  return byResponse.get(res) ?? 'unknown';
}
