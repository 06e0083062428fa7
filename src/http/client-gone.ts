import type { ServerResponse } from 'node:http';

/**
 * A signal that aborts when the HTTP client goes away before its answer was sent: the response
 * closes without having finished (Node emits `close` after `finish` for every answer sent, and
 * alone when the connection dropped first). The request's work for that client can then stop.
 */
export function clientGoneSignal(res: ServerResponse): AbortSignal {
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort(new Error('The client went away before the answer was sent'));
  });
  return gone.signal;
}
