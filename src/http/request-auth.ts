import type { ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal';
import { isTokenRejected, type TokenRejectionReason } from '../auth/token-errors';
import type { Logger } from '../observability/logger';
import type { LookerUserRef } from '../policy';
import type { FrontHandler } from './handler-chain';
import { requestIdOf } from './request-id';

/** What the bearer token of a request established, verified once, before its body is read. */
export interface RequestAuth {
  readonly principal: Principal | null;
  readonly lookerUser: LookerUserRef | undefined;
  /** Why the token was refused, when the request carried one that failed verification. */
  readonly tokenRejection: TokenRejectionReason | undefined;
}

const anonymous: RequestAuth = { principal: null, lookerUser: undefined, tokenRejection: undefined };
const byResponse = new WeakMap<ServerResponse, RequestAuth>();

/** The verified caller of a request (anonymous until {@link authenticateRequests} ran). */
export function authOf(res: ServerResponse): RequestAuth {
  return byResponse.get(res) ?? anonymous;
}

/**
 * The request's `Authorization` header, or every one of them when it has several. Node keeps only
 * the first of repeated `Authorization` headers in `req.headers`; a proxy in front may read
 * another, so repeated ones must be seen (and refused) rather than read first-wins.
 */
function authorizationHeaders(raw: readonly string[]): string | string[] | undefined {
  let found: string | string[] | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length !== 13 || name.toLowerCase() !== 'authorization') continue;
    const value = raw[i + 1] as string;
    found = found === undefined ? value : [...(typeof found === 'string' ? [found] : found), value];
  }
  return found;
}

/**
 * Verifies the request's bearer token, when it has an `Authorization` header, before anything
 * reads the body: what an anonymous caller may send depends on it. The result is kept for the
 * GraphQL context, so a token is verified once per request. A refused token is logged by reason
 * only; verification failures that are not refusals go to the error handler.
 */
export function authenticateRequests(options: {
  /** Verifies the header's token and applies the policy (several headers are refused as malformed). */
  verify: (authorization: string | readonly string[]) => Promise<{ principal: Principal; lookerUser?: LookerUserRef }>;
  logger: Logger;
  onRefused?: (reason: TokenRejectionReason) => void;
}): FrontHandler {
  return async (req, res, next) => {
    const header = authorizationHeaders(req.rawHeaders);
    if (header === undefined) {
      byResponse.set(res, anonymous);
      next();
      return;
    }
    try {
      const { principal, lookerUser } = await options.verify(header);
      byResponse.set(res, { principal, lookerUser, tokenRejection: undefined });
    } catch (error) {
      if (!isTokenRejected(error)) {
        next(error);
        return;
      }
      byResponse.set(res, { principal: null, lookerUser: undefined, tokenRejection: error.reason });
      options.logger.info({ requestId: requestIdOf(res), reason: error.reason }, 'access token refused');
      options.onRefused?.(error.reason);
    }
    next();
  };
}
