import type { Authenticator, HttpMethod, IRawResponse, IRequestProps, ITransportSettings, Values } from '@looker/sdk-rtl';
import { NodeTransport } from '@looker/sdk-node';
import { callScope } from './call-scope';

/**
 * The SDK's Node transport, made abortable and observable. `fetch` receives the request props
 * object itself, so setting `signal` on it here really aborts the HTTP call — the SDK's own
 * `timeout` is never applied. The raw status and `Retry-After` are recorded for our retry policy,
 * because the SDK's parsed error keeps neither.
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
    const response = await super.rawRequest(method, path, queryParams, body, authenticator, options);
    const attempt = callScope.getStore();
    if (attempt) {
      attempt.status = response.statusCode;
      const retryAfter = Number(response.headers?.['retry-after']);
      if (Number.isFinite(retryAfter) && retryAfter >= 0) attempt.retryAfterSeconds = retryAfter;
    }
    return response;
  }
}
