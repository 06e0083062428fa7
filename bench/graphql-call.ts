/** How one GraphQL request ended, as a caller sees it. */
export interface CallOutcome {
  /** Wall time from sending to the end of the answer (or the failure), ms. */
  readonly ms: number;
  /** The HTTP status, or null when no answer came (see `failure`). */
  readonly status: number | null;
  /** Why no answer came: the request's own time limit, the run aborting it, or a transport error. */
  readonly failure?: 'timeout' | 'aborted' | 'transport';
  /** Distinct `extensions.code` values of the answer's errors (`NO_CODE` for an error without one). */
  readonly codes: readonly string[];
  /** A 2xx answer with `data` and no `errors`. */
  readonly ok: boolean;
}

/** Where to send operations, and as whom. */
export interface GraphqlEndpoint {
  /** The subgraph's `/graphql` URL. */
  readonly url: string;
  readonly token: string;
}

function errorCodes(answer: unknown): string[] {
  if (answer === null || typeof answer !== 'object') return [];
  const errors = (answer as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  const codes = new Set<string>();
  for (const error of errors) {
    const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    codes.add(typeof code === 'string' ? code : 'NO_CODE');
  }
  return [...codes].sort();
}

function hasData(answer: unknown): boolean {
  const data = answer !== null && typeof answer === 'object' ? (answer as { data?: unknown }).data : undefined;
  return data !== null && typeof data === 'object';
}

/**
 * Sends one operation and classifies its answer; never throws. `timeoutMs` bounds the request;
 * `signal` lets the run abort it (counted as `aborted`, not as a timeout).
 */
export async function callGraphql(
  endpoint: GraphqlEndpoint,
  query: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CallOutcome> {
  // AbortSignal.timeout takes whole milliseconds only.
  const timeout = AbortSignal.timeout(Math.max(1, Math.ceil(timeoutMs)));
  const combined = signal === undefined ? timeout : AbortSignal.any([timeout, signal]);
  const t0 = performance.now();
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${endpoint.token}` },
      body: JSON.stringify({ query }),
      signal: combined,
    });
    const text = await response.text();
    let answer: unknown;
    try {
      answer = JSON.parse(text) as unknown;
    } catch {
      answer = undefined;
    }
    const codes = answer === undefined ? ['NOT_JSON'] : errorCodes(answer);
    return {
      ms: performance.now() - t0,
      status: response.status,
      codes,
      ok: response.ok && codes.length === 0 && hasData(answer),
    };
  } catch {
    const failure = timeout.aborted ? 'timeout' : signal?.aborted === true ? 'aborted' : 'transport';
    return { ms: performance.now() - t0, status: null, failure, codes: [], ok: false };
  }
}
