/**
 * The body of a Looker API request as the SDK's own transport encodes it (`BaseTransport.initRequest`
 * in `@looker/sdk-rtl`): a string is sent as is; `URLSearchParams`, or an object when the caller set
 * a form `Content-Type` (the SDK's login), is form-encoded; anything else is JSON. Sets the
 * `Content-Type` it chose on `headers` when none was given.
 */
export function encodeRequestBody(body: unknown, headers: Record<string, string>): string | undefined {
  // The SDK sends no body for any falsy one.
  if (!body) return undefined;
  if (typeof body === 'string') return body;
  const contentTypeKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
  const formEncoded =
    body instanceof URLSearchParams ||
    (contentTypeKey !== undefined && String(headers[contentTypeKey]).includes('application/x-www-form-urlencoded'));
  if (formEncoded) {
    if (contentTypeKey === undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (body instanceof URLSearchParams) return body.toString();
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (value === undefined || value === null) continue;
      params.append(
        key,
        value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value),
      );
    }
    return params.toString();
  }
  headers['Content-Type'] = 'application/json';
  return JSON.stringify(body);
}
