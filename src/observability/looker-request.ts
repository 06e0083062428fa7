import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { recordLookerRequest } from './metrics';
import { tracer } from './tracing';

/** What one HTTP request to Looker is, for metrics and its span. */
export interface LookerRequestInfo {
  /** The Looker operation (`search_looks`, `login`, `run_query`): never a path with ids. */
  readonly endpoint: string;
  readonly method: string;
}

/**
 * Runs one HTTP request to Looker inside its own client span (a child of the current context, so
 * of the GraphQL operation), then counts and times it (`looker_requests_total`,
 * `looker_request_duration_seconds`). `statusOf` reads the label from the answer: the HTTP status,
 * or `error`/`timeout` when there was none. Headers built inside `send` get the span's
 * `traceparent` from {@link injectTraceContext}.
 */
export async function observeLookerRequest<R>(info: LookerRequestInfo, send: () => Promise<R>, statusOf: (answer: R) => string): Promise<R> {
  const span = tracer().startSpan(`looker ${info.endpoint}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'http.request.method': info.method, 'looker.endpoint': info.endpoint },
  });
  const started = performance.now();
  let status = 'error';
  try {
    const answer = await context.with(trace.setSpan(context.active(), span), send);
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

/** Writes the current trace context (`traceparent`) into outgoing request headers. */
export function injectTraceContext(headers: Record<string, string>): void {
  propagation.inject(context.active(), headers);
}
