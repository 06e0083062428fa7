import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendGraphQLError } from '../../../src/errors';
import { handlerChain, type FrontErrorHandler, type FrontHandler } from '../../../src/http';

/** Serves one handler chain on a free port; each test asks it over real HTTP. */
async function serve(handlers: FrontHandler[], onError: FrontErrorHandler): Promise<{ url: string; server: Server }> {
  const server = createServer(handlerChain(handlers, onError));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

const answerError: FrontErrorHandler = (error, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  sendGraphQLError(res, 'INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : 'failed');
};

describe('handlerChain (the GraphQL front on Node request and response)', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const start = async (handlers: FrontHandler[], onError: FrontErrorHandler = answerError) => {
    const served = await serve(handlers, onError);
    servers.push(served.server);
    return served.url;
  };

  it('runs the handlers in order until one answers', async () => {
    const seen: string[] = [];
    const url = await start([
      (_req, _res, next) => {
        seen.push('first');
        next();
      },
      (_req, res) => {
        seen.push('second');
        res.end('answered');
      },
      () => {
        seen.push('never');
      },
    ]);
    const response = await fetch(url);
    expect(await response.text()).toBe('answered');
    expect(seen).toEqual(['first', 'second']);
  });

  it.each([
    ['passes an error on', ((_req, _res, next) => next(new Error('passed on'))) as FrontHandler, 'passed on'],
    [
      'throws',
      (() => {
        throw new Error('thrown');
      }) as FrontHandler,
      'thrown',
    ],
    ['rejects', (async () => Promise.reject(new Error('rejected'))) as FrontHandler, 'rejected'],
  ])('answers with the error handler when a handler %s', async (_how, failing, message) => {
    const url = await start([failing]);
    const response = await fetch(url);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ errors: [{ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  it('answers 500 when every handler passed the request on', async () => {
    const url = await start([(_req, _res, next) => next()]);
    const response = await fetch(url);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      errors: [{ message: 'no handler answered the request', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });

  it('closes the connection when the answer had begun before the failure', async () => {
    const url = await start([
      (_req, res, next) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial');
        next(new Error('too late'));
      },
    ]);
    // The client never gets a whole answer: the connection closes under it.
    await expect(fetch(url).then((response) => response.text())).rejects.toThrow();
  });
});
