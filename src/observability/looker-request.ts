import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { recordLookerRequest } from './metrics';
import { tracer } from './tracing';

/** What one HTTP request to Looker is, for metrics and its span. */
export interface LookerRequestInfo {
  /** The Looker operation (`search_looks`, `login`, `run_query`): never a path with ids. */
  readonly endpoint: string;
  readonly method: string;
  /** The trace context the request is a child of (the GraphQL operation's); none: a trace of its own. */
  readonly parent?: Context;
}

/**
 * Runs one HTTP request to Looker inside its own client span (a child of `info.parent`, the
 * GraphQL operation's), then counts and times it (`looker_requests_total`,
 * `looker_request_duration_seconds`). `statusOf` reads the label from the answer: the HTTP status,
 * or `error`/`timeout` when there was none. `send` gets the context of the request's span, for
 * {@link injectTraceContext}. Contexts are passed explicitly: no context manager is registered
 * (see `startTracing`).
 */
export async function observeLookerRequest<R>(
  info: LookerRequestInfo,
  send: (traced: Context) => Promise<R>,
  statusOf: (answer: R) => string,
): Promise<R> {
  const parent = info.parent ?? ROOT_CONTEXT;
  const span = tracer().startSpan(
    `looker ${info.endpoint}`,
    {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': info.method, 'looker.endpoint': info.endpoint },
    },
    parent,
  );
  const started = performance.now();
  let status = 'error';
  try {
    const answer = await send(trace.setSpan(parent, span));
    status = statusOf(answer);
    return answer;
  } finally {
    recordLookerRequest(info.endpoint, status, (performance.now() - started) / 1000);
    const code = Number(status);
    if (Number.isInteger(code)) span.setAttribute('http.response.status_code', code);
    if (!Number.isInteger(code) || code >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: status });
    span.end();
  }
}

/** Writes a trace context (`traceparent`) into outgoing request headers. */
export function injectTraceContext(headers: Record<string, string>, traced: Context): void {
  propagation.inject(traced, headers);
}
