import type { ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { clientGoneSignal } from './client-gone';
import type { FrontHandler, FrontRequest } from './handler-chain';

/**
 * Apollo Server on Node's request and response, as its integration guide builds one (the
 * `executeHTTPGraphQLRequest` contract, like `@as-integrations/express5` and Apollo's own
 * standalone server). Two differences from the Express integration, both for the hot path: a
 * complete answer is written with one `end(string)`, which Node sends in the same packet as the
 * headers (Express's `send` turns it into a Buffer, written with the headers as a second chunk,
 * and checks freshness first), and the query string is cut at `?` instead of parsing the URL.
 * The JSON body must already be parsed (`req.body`). The context gets a signal that aborts when
 * the client goes away before the answer is sent.
 */
export function apolloHandler<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (args: { req: FrontRequest; res: ServerResponse; signal: AbortSignal }) => Promise<C>,
): FrontHandler {
  apollo.assertStarted('apolloHandler()');
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: query === -1 ? '' : url.slice(query),
      body: req.body,
    };
    // Aborts the operation's Looker work when its client leaves before the answer is sent.
    const signal = clientGoneSignal(res);
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => context({ req, res, signal }),
    });
    for (const [key, value] of answer.headers) {
      // `Vary` adds to what the front set (CORS's `Origin`) instead of replacing it.
      const before = key === 'vary' ? res.getHeader('vary') : undefined;
      res.setHeader(key, before === undefined ? value : `${String(before)}, ${value}`);
    }
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    // Incremental delivery (`@defer`): chunks as they come.
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
