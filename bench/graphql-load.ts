import autocannon from 'autocannon';
import { measureLoops, summarizeLatencies, type LoadOutcome } from './latency-stats';

/** Where and what to send: one GraphQL operation with a bearer token. */
export interface GraphqlTarget {
  /** The subgraph's `/graphql` URL. */
  readonly url: string;
  readonly token: string;
  readonly query: string;
}

/** A GraphQL answer counts as a success only without `errors` (a denied or failed field is one). */
function answeredWithoutErrors(body: string): boolean {
  return body.startsWith('{"data":') && !body.includes('"errors":');
}

/**
 * Drives the target with autocannon: `connections` keep-alive connections for `durationS` seconds,
 * or, with `amount`, until that many requests are answered (duration then does not apply).
 */
export function loadGraphql(
  target: GraphqlTarget,
  connections: number,
  durationS: number,
  amount?: number,
): Promise<LoadOutcome> {
  const latencies: number[] = [];
  const begin = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
        body: JSON.stringify({ query: target.query }),
        connections,
        duration: durationS,
        ...(amount === undefined ? {} : { amount }),
        timeout: 60,
        verifyBody: answeredWithoutErrors,
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const elapsedMs = performance.now() - begin;
        const failures = result.errors + result.non2xx + result.mismatches;
        const completed = Math.max(0, latencies.length - result.non2xx - result.mismatches);
        resolve({
          started: Math.max(result.requests.sent, latencies.length),
          completed,
          failures,
          elapsedMs,
          requestsPerSecond: completed / (elapsedMs / 1000),
          latency: summarizeLatencies(latencies),
          ...(failures > 0
            ? {
                firstFailure: `${result.non2xx} non-2xx, ${result.mismatches} answers with GraphQL errors, ${result.errors} transport errors`,
              }
            : {}),
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
      latencies.push(responseTimeMs);
    });
  });
}

/** Sends the operation once and returns its `data`, failing with the answer when it has errors. */
export async function postGraphql(target: GraphqlTarget): Promise<Record<string, unknown>> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
    body: JSON.stringify({ query: target.query }),
  });
  const text = await response.text();
  let answer: { data?: Record<string, unknown> | null; errors?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new Error(`HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok || answer.errors !== undefined || !answer.data) {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 600)}`);
  }
  return answer.data;
}

/** Sends the operation `count` times one after another; latencies measure one request alone. */
export function sequentialGraphql(target: GraphqlTarget, count: number): Promise<LoadOutcome> {
  return measureLoops(() => postGraphql(target), 1, { count });
}
