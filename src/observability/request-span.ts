import type { IncomingMessage, ServerResponse } from 'node:http';
import { propagation, ROOT_CONTEXT, SpanKind, trace, type Context } from '@opentelemetry/api';
import { tracer } from './tracing';

const traceByResponse = new WeakMap<ServerResponse, Context>();

/** The trace context of a GraphQL request (its span), once {@link traceGraphQLRequests} opened it. */
export function requestTraceOf(res: ServerResponse): Context | undefined {
  return traceByResponse.get(res);
}

/**
 * Handler of the GraphQL front (src/http): opens the operation's span as a child of the caller's
 * W3C `traceparent` (or a new trace) and keeps its context for the request, whose GraphQL context
 * hands it to every Looker call the resolvers make ({@link requestTraceOf}): each is a child of
 * it and carries the caller's trace id. The context is passed explicitly, not made "active":
 * async context on Node 20 costs a hook on every promise of the process. The span ends when the
 * response is sent or the client goes away, so requests refused before Apollo runs (body too
 * large, bad JSON) are traced as well.
 */
export function traceGraphQLRequests(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer().startSpan(
      'graphql',
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '' } },
      parent,
    );
    traceByResponse.set(res, trace.setSpan(parent, span));
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };
}
