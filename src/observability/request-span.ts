import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, createContextKey, propagation, ROOT_CONTEXT, SpanKind, trace, type Span } from '@opentelemetry/api';
import { tracer } from './tracing';

/** Marks the span the HTTP layer opened for a GraphQL request, so the operation plugin reuses it. */
const requestSpanKey = createContextKey('looker-subgraph.graphql-request-span');

/** The span the HTTP layer opened for the current GraphQL request, if any. */
export function currentRequestSpan(): Span | undefined {
  const value = context.active().getValue(requestSpanKey);
  return value === undefined ? undefined : (value as Span);
}

/**
 * Handler of the GraphQL front (src/http): opens the operation's span as a child of the
 * caller's W3C `traceparent` (or a new trace) and runs the rest of the request inside it, so every
 * Looker call the resolvers make is a child of it and carries the caller's trace id. The request
 * and response emitters are not bound to it: the body parser (body-parser's raw-body) resumes in the
 * context it was called in by itself, nothing that listens to the response calls Looker, and a
 * bound emitter wraps every listener added to it, several per request, a cost that shows in the
 * CPU profile of `npm run bench`. A body reader that lost the context would fail the test of a
 * body arriving in pieces. The span ends when the response is sent or the client goes away,
 * so requests refused before Apollo runs (body too large, bad JSON) are traced as well.
 */
export function traceGraphQLRequests(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer().startSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '' } }, parent);
    const active = trace.setSpan(parent, span).setValue(requestSpanKey, span);
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(active, next);
  };
}
