import type { Authenticator, HttpMethod, IRawResponse, IRequestProps, ITransportSettings, Values } from '@looker/sdk-rtl';
import { NodeTransport } from '@looker/sdk-node';
import { injectTraceContext, observeLookerRequest } from '../observability';
import { callScope, type CallAttempt } from './call-scope';

/**
 * The label of a request in metrics and spans: the Looker operation it belongs to, never the path
 * (which holds ids). Logins are `login` wherever they happen: the SDK logs in by itself, inside
 * the first call of a session or outside any call scope.
 */
function endpointOf(path: string, attempt: CallAttempt | undefined): string {
  if (/\/login$/.test(path.split('?')[0] ?? '')) return 'login';
  return attempt?.operation ?? 'login';
}

/** The HTTP status of an answer, or why there is none: our deadline (`timeout`) or anything else (`error`). */
function statusOf(response: IRawResponse, attempt: CallAttempt | undefined): string {
  if (typeof response.statusCode === 'number' && response.statusCode > 0) return String(response.statusCode);
  const failure: unknown = response.body;
  const aborted = failure instanceof Error && (failure.name === 'TimeoutError' || failure.name === 'AbortError');
  return aborted || attempt?.signal.aborted ? 'timeout' : 'error';
}

/**
 * The SDK's Node transport, made abortable and observable. `fetch` receives the request props
 * object itself, so setting `signal` on it here really aborts the HTTP call — the SDK's own
 * `timeout` is never applied. The raw status and `Retry-After` are recorded for our retry policy,
 * because the SDK's parsed error keeps neither. Each HTTP request is counted, timed and traced
 * here, with the trace context injected as `traceparent` into its headers.
 */
export class AbortableTransport extends NodeTransport {
  protected override async initRequest(
    method: HttpMethod,
    path: string,
    body?: unknown,
    authenticator?: Authenticator,
    options?: Partial<ITransportSettings>,
  ): Promise<IRequestProps> {
    const attempt = callScope.getStore();
    // Outside a call scope (a bare SDK call), the configured timeout still applies.
    const signal = attempt?.signal ?? AbortSignal.timeout(this.options.timeout * 1000);
    // Handing the signal to the SDK too lets it combine it with its own timer (and keeps it from
    // logging that none was given); setting it on the props afterwards makes sure fetch gets ours.
    const props = await super.initRequest(method, path, body, authenticator, { ...options, signal });
    props.signal = signal;
    injectTraceContext(props.headers);
    if (attempt) attempt.requests += 1;
    return props;
  }

  override async rawRequest(
    method: HttpMethod,
    path: string,
    queryParams?: Values,
    body?: unknown,
    authenticator?: Authenticator,
    options?: Partial<ITransportSettings>,
  ): Promise<IRawResponse> {
    const attempt = callScope.getStore();
    const send = async (): Promise<IRawResponse> => {
      const answer = await super.rawRequest(method, path, queryParams, body, authenticator, options);
      // The timing ends with the answer's body, which the SDK reads later from this promise.
      await Promise.resolve(answer.body).catch(() => undefined);
      return answer;
    };
    const response = await observeLookerRequest({ endpoint: endpointOf(path, attempt), method }, send, (answer) => statusOf(answer, attempt));
    if (attempt) {
      attempt.status = response.statusCode;
      const retryAfter = Number(response.headers?.['retry-after']);
      if (Number.isFinite(retryAfter) && retryAfter >= 0) attempt.retryAfterSeconds = retryAfter;
    }
    return response;
  }
}
