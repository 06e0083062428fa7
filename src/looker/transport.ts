import { STATUS_CODES } from 'node:http';
import {
  agentPrefix,
  LookerAppId,
  mergeOptions,
  ResponseMode,
  responseMode,
  type Authenticator,
  type HttpMethod,
  type IRawResponse,
  type IRequestProps,
  type ITransportSettings,
  type Values,
} from '@looker/sdk-rtl';
import { NodeTransport } from '@looker/sdk-node';
import type { Context as TraceContext } from '@opentelemetry/api';
import { request, type Dispatcher } from 'undici';
import { injectTraceContext, observeLookerRequest } from '../observability';
import { BodyTooLargeError, bodyLimitOf, type BodyLimit } from './body-limit';
import { attemptOf, markAttempt, type CallAttempt } from './call-scope';
import { lookerDispatcher } from './http-dispatcher';
import { encodeRequestBody } from './request-body';
import { acceptedEncodings, responseBlob, responseBytesWithin, responseText } from './response-body';

/**
 * The label of a request in metrics and spans: the Looker operation it belongs to, never the path
 * (which holds ids). Logins are `login` wherever they happen: the SDK logs in by itself, inside
 * the first call of a session or outside any call.
 */
function endpointOf(path: string, attempt: CallAttempt | undefined): string {
  if (isLoginPath(path)) return 'login';
  return attempt?.operation ?? 'login';
}

function isLoginPath(path: string): boolean {
  return /\/login$/.test(path.split('?')[0] ?? '');
}

/** The service account's login (`POST …/login`, not a sudo login as a user). */
function isLogin(method: HttpMethod, path: string): boolean {
  return method === 'POST' && isLoginPath(path);
}

/** The HTTP status of an answer, or why there is none: our deadline (`timeout`) or anything else (`error`). */
function statusOf(response: IRawResponse, attempt: CallAttempt | undefined): string {
  if (typeof response.statusCode === 'number' && response.statusCode > 0) return String(response.statusCode);
  const failure: unknown = response.body;
  const aborted = failure instanceof Error && (failure.name === 'TimeoutError' || failure.name === 'AbortError');
  return aborted || attempt?.signal.aborted ? 'timeout' : 'error';
}

/**
 * Looker's `X-Total-Count` (sdk-codegen `docs/paging.md`): the whole list's size, sent with a page
 * when Looker could count it; undefined when absent or not a count. The SDK's own pager reads it by
 * swapping the transport's one `observer`, which concurrent calls would share; here it stays with
 * its call's attempt.
 */
function totalCountOf(response: IRawResponse): number | undefined {
  const header = response.headers?.['x-total-count'];
  const count = header === undefined || header.trim() === '' ? NaN : Number(header);
  return Number.isSafeInteger(count) && count >= 0 ? count : undefined;
}

/** Response headers as the SDK gives them (a repeated header joined with `, `, as `Headers` does). */
function flatHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** A body read up to its limit, as the SDK takes it (text, or a Blob for binary answers); the limit is marked when the body went past it. */
function limitedBody(answer: Dispatcher.ResponseData, contentType: string, limit: BodyLimit): Promise<string | Blob> {
  return responseBytesWithin(answer, limit.maxBytes).then(
    (bytes) =>
      responseMode(contentType) === ResponseMode.binary
        ? new Blob([bytes as Buffer<ArrayBuffer>], { type: contentType })
        : bytes.toString('utf8'),
    (error: unknown) => {
      if (error instanceof BodyTooLargeError) limit.exceeded = true;
      throw error;
    },
  );
}

/**
 * The SDK's Node transport with our own HTTP client underneath: undici's `request` on one shared
 * keep-alive pool ({@link lookerDispatcher}) instead of `fetch`, building the same requests (the
 * SDK's `x-looker-appid`, body encoding and authenticator) and the same raw responses the SDK
 * parses. Every request is abortable: the signal of its call attempt, which arrives with the SDK
 * call's per-call settings (our deadline, or the circuit breaker freeing a stuck call), really
 * aborts it, and the SDK's own `timeout` applies only outside a call. The raw status and
 * `Retry-After` are recorded for our retry policy, because the SDK's parsed error keeps neither.
 * Each request is counted, timed and traced, with the trace context injected as `traceparent`
 * into its headers.
 */
export class AbortableTransport extends NodeTransport {
  readonly #dispatcher = lookerDispatcher(this.options.verify_ssl !== false);

  /**
   * The attempt the service session's own login belongs to, set by the session while its login is
   * in flight: the SDK sends that request with fixed settings of its own, so it cannot carry the
   * attempt itself, and it must still be counted, traced, and aborted with the call that needs it.
   */
  loginAttempt: CallAttempt | undefined;

  protected override async initRequest(
    method: HttpMethod,
    path: string,
    body?: unknown,
    authenticator?: Authenticator,
    options?: Partial<ITransportSettings>,
  ): Promise<IRequestProps> {
    return this.#initRequest(method, path, body, authenticator, options, attemptOf(options));
  }

  async #initRequest(
    method: HttpMethod,
    path: string,
    body: unknown,
    authenticator: Authenticator | undefined,
    options: Partial<ITransportSettings> | undefined,
    attempt: CallAttempt | undefined,
  ): Promise<IRequestProps> {
    // Outside a call (a bare SDK call), the configured timeout still applies.
    const signal = attempt?.signal ?? AbortSignal.timeout(this.options.timeout * 1000);
    const headers: Record<string, string> = {
      [LookerAppId]: options?.agentTag ?? this.options.agentTag ?? agentPrefix,
      'accept-encoding': acceptedEncodings,
      ...this.options.headers,
      ...options?.headers,
    };
    // The authenticator (the session) learns the attempt from the props: a login it makes belongs to it.
    let props: IRequestProps = markAttempt(
      { method, url: path, headers, body: encodeRequestBody(body, headers), signal },
      attempt,
    );
    if (authenticator) props = await authenticator(props);
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
    const attempt = attemptOf(options) ?? (isLogin(method, path) ? this.loginAttempt : undefined);
    const settings = options ? mergeOptions(this.options, options) : this.options;
    const url = this.makeUrl(path, settings, queryParams);
    const send = async (traced: TraceContext): Promise<IRawResponse> => {
      const props = await this.#initRequest(method, url, body, authenticator, settings, attempt);
      injectTraceContext(props.headers, traced);
      const answer = await this.#send(method, url, props, bodyLimitOf(options));
      // The timing ends with the answer's body, which the SDK reads later from this promise.
      const cutOff = await Promise.resolve(answer.body).then(
        () => false,
        () => true,
      );
      // A body cut off (aborted, connection lost) is no answer, whatever its status line said: as a
      // 200 whose body failed it would read as Looker refusing this server's credentials.
      return cutOff ? { ...answer, ok: false, statusCode: 0 } : answer;
    };
    const response = await observeLookerRequest(
      { endpoint: endpointOf(path, attempt), method, parent: attempt?.trace },
      send,
      (answer) => statusOf(answer, attempt),
    );
    if (attempt) {
      attempt.status = response.statusCode > 0 ? response.statusCode : undefined;
      const retryAfter = Number(response.headers?.['retry-after']);
      if (Number.isFinite(retryAfter) && retryAfter >= 0) attempt.retryAfterSeconds = retryAfter;
      // A login inside the attempt is not its answer: only the call's own answer may count a list.
      if (!isLoginPath(path)) attempt.totalCount = totalCountOf(response);
    }
    return this.observer ? this.observer(response) : response;
  }

  /**
   * One HTTP request; a failure without an answer (refused, reset, aborted) is an answer with the
   * error as its body, as the SDK's. With a body limit, the body is read up to it and no further.
   */
  async #send(
    method: HttpMethod,
    url: string,
    props: IRequestProps,
    limit: BodyLimit | undefined,
  ): Promise<IRawResponse> {
    const requestStarted = Date.now();
    try {
      const answer = await request(props.url, {
        method,
        headers: props.headers,
        body: props.body as string | undefined,
        signal: props.signal ?? undefined,
        dispatcher: this.#dispatcher,
      });
      const contentType = String(answer.headers['content-type']);
      const response: IRawResponse = {
        method,
        url,
        body: limit
          ? limitedBody(answer, contentType, limit)
          : responseMode(contentType) === ResponseMode.binary
            ? responseBlob(answer, contentType)
            : responseText(answer),
        contentType,
        statusCode: answer.statusCode,
        statusMessage: STATUS_CODES[answer.statusCode] ?? '',
        headers: flatHeaders(answer.headers),
        requestStarted,
        responseCompleted: Date.now(),
        ok: true,
      };
      response.ok = this.ok(response);
      return response;
    } catch (error) {
      return {
        method,
        url,
        body: error,
        contentType: '',
        // No answer, so no status (0: `statusOf` and the retry policy read it as none).
        statusCode: 0,
        statusMessage: error instanceof Error ? error.message : String(error),
        headers: {},
        requestStarted,
        responseCompleted: Date.now(),
        ok: false,
      };
    }
  }
}
