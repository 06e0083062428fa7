import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Secret } from '../config/secret';
import type { FrontHandler } from './handler-chain';

/** The header the gateway (router) sends its credential in. */
export const gatewayCredentialHeader = 'x-gateway-secret';
/** The header that asks Apollo for an `ftv1` inline trace of the operation. */
export const inlineTraceHeader = 'apollo-federation-include-trace';

const gatewayRequests = new WeakSet<ServerResponse>();

/** True when the request presented the gateway credential. */
export function isGatewayRequest(res: ServerResponse): boolean {
  return gatewayRequests.has(res);
}

// Apollo hands plugins a shallow copy of the context. A tag survives the copy as an enumerable own
// property (a WeakSet entry would not); symbol-keyed, so no resolver sees it.
const gatewayTag = Symbol('gateway');

/** Marks the GraphQL context of a request that presented the gateway credential. */
export function tagGatewayContext(context: object, res: ServerResponse): void {
  if (isGatewayRequest(res)) Object.defineProperty(context, gatewayTag, { value: true, enumerable: true });
}

/** True when the context belongs to a request that presented the gateway credential. */
export function isGatewayContext(context: object): boolean {
  return Reflect.get(context, gatewayTag) === true;
}

/** Fixed-length digests compared in constant time: neither length nor content leaks by timing. */
function sameSecret(given: string, expected: Secret): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected.reveal()));
}

/**
 * Recognises the gateway by its credential and keeps `ftv1` inline traces (field types and
 * per-resolver timings) for it alone: for any other request the trace header is removed before
 * Apollo sees it. Without a configured credential, traces go to every caller only where the
 * schema is public anyway (`openWithoutCredential`: introspection on, outside production).
 */
export function gatewayCredential(options: {
  secret: Secret | undefined;
  openWithoutCredential: boolean;
}): FrontHandler {
  return (req, res, next) => {
    const given = req.headers[gatewayCredentialHeader];
    const gateway = options.secret !== undefined && typeof given === 'string' && sameSecret(given, options.secret);
    if (gateway) gatewayRequests.add(res);
    // Nothing downstream needs the credential itself.
    delete req.headers[gatewayCredentialHeader];
    const tracesAllowed = gateway || (options.secret === undefined && options.openWithoutCredential);
    if (!tracesAllowed) delete req.headers[inlineTraceHeader];
    next();
  };
}
