import { Agent, type Dispatcher } from 'undici';

const dispatchers = new Map<boolean, Dispatcher>();

/**
 * The connection pool every Looker request goes through: undici's, keeping connections to Looker
 * alive between calls. Requests use undici's `request` API rather than `fetch`, which costs about
 * three times the CPU per call (WHATWG streams, `Response` objects and abort signals for each one).
 * One pool per process and TLS setting, shared by the service session and every user's session:
 * connections are not tied to credentials, each request carries its own `Authorization`.
 *
 * `verifySsl: false` turns certificate checks off for these connections only, where the SDK's own
 * transport sets `NODE_TLS_REJECT_UNAUTHORIZED=0` for the whole process.
 */
export function lookerDispatcher(verifySsl: boolean): Dispatcher {
  let dispatcher = dispatchers.get(verifySsl);
  if (!dispatcher) {
    dispatcher = new Agent({
      connect: { rejectUnauthorized: verifySsl },
      // Every request carries a deadline of ours (LOOKERSDK_TIMEOUT, up to 600 s; the call's own
      // outside a call). Undici's 300 s header and body timeouts would cut a longer one short.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    dispatchers.set(verifySsl, dispatcher);
  }
  return dispatcher;
}
