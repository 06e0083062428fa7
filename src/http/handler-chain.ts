import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request of the GraphQL front: Node's own, with the parsed JSON body once the body parser ran. */
export type FrontRequest = IncomingMessage & { body?: unknown };

/** Passes on to the next handler, or with an error to the error handler. */
export type Next = (error?: unknown) => void;

/**
 * A connect-style handler on Node's request and response. Express accepts these as they are, so
 * the token check serves the Express routes (MCP, exports) as well as the GraphQL front.
 */
export type FrontHandler = (req: FrontRequest, res: ServerResponse, next: Next) => void | Promise<void>;

/** Answers a failure of a {@link FrontHandler}; `next(error)` means it could not (the answer had begun). */
export type FrontErrorHandler = (error: unknown, req: FrontRequest, res: ServerResponse, next: Next) => void;

/**
 * Runs handlers in order on Node's request and response, as Express runs a route's middleware
 * (a handler that throws, or whose promise rejects, goes to the error handler), without Express's
 * router and the request and response prototypes it installs: the GraphQL endpoint is the hot
 * path, and that machinery was about a quarter of its CPU. What the error handler gives up on (the answer
 * had already begun) ends with the connection closed, as Express's final handler does.
 */
export function handlerChain(
  handlers: readonly FrontHandler[],
  onError: FrontErrorHandler,
): (req: FrontRequest, res: ServerResponse) => void {
  return (req, res) => {
    let index = 0;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      try {
        onError(error, req, res, () => res.destroy());
      } catch {
        res.destroy();
      }
    };
    const next: Next = (error?: unknown) => {
      if (error !== undefined) {
        fail(error);
        return;
      }
      const handler = handlers[index];
      index += 1;
      if (handler === undefined) {
        fail(Object.assign(new Error('no handler answered the request'), { status: 500 }));
        return;
      }
      try {
        const result = handler(req, res, next);
        if (result !== undefined) result.catch(fail);
      } catch (thrown) {
        fail(thrown);
      }
    };
    next();
  };
}
