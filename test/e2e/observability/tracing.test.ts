import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { RecordedRequest } from '../../../emulator';
import { startTracing } from '../../../src/observability';
import {
  assertNoSecrets,
  startSubgraphStack,
  testAudience,
  testLookerSecret,
  type SubgraphStack,
} from '../../support/subgraph-stack';
import { startOtlpReceiver, type OtlpReceiver } from './otlp-receiver';
import { scrape } from './scrape';
import { startSubgraphProcess } from './subgraph-process';

let stack: SubgraphStack;
let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  stack = await startSubgraphStack();
});

afterAll(async () => {
  await receiver?.close();
  await stack?.stop();
});

const pageOfLooks = 'query PageOfLooks { looks(first: 5) { nodes { id title } } }';
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** The API requests the emulator received since the last reset, with their `traceparent`. */
async function lookerRequests(): Promise<RecordedRequest[]> {
  const response = await fetch(`${stack.emulator.url}/__emulator/requests`);
  return ((await response.json()) as { requests: RecordedRequest[] }).requests;
}

/** `[traceId, parentId]` of a sampled W3C `traceparent`. */
function partsOf(traceparent: string | null): [string, string] {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(traceparent ?? '');
  if (!match) throw new Error(`not a sampled W3C traceparent: ${traceparent}`);
  return [match[1] as string, match[2] as string];
}

test('exported over OTLP: a span for the operation under the caller, one per Looker call, and the trace id at Looker', async () => {
  const server = await startSubgraphProcess({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    METRICS_PORT: '0',
    LOOKERSDK_BASE_URL: stack.emulator.url,
    LOOKERSDK_CLIENT_ID: 'looker-admin',
    LOOKERSDK_CLIENT_SECRET: testLookerSecret,
    OIDC_ISSUER: stack.issuer.issuer.issuer,
    OIDC_AUDIENCE: testAudience,
    // Every request here must reach Looker: the shared cache (on by default) is off.
    CACHE_METADATA_TTL: '0',
    CACHE_RESULT_TTL: '0',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_SERVICE_NAME: 'looker-subgraph-e2e',
  });
  const token = await stack.token('demo-analyst');
  const post = (headers: Record<string, string>) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query: pageOfLooks }),
    });
  let exitCode: number | null = null;
  try {
    expect((await post({})).status).toBe(200);
    await stack.resetLookerStats();
    const traceId = hex(16);
    const callerSpanId = hex(8);
    const answer = await post({ traceparent: `00-${traceId}-${callerSpanId}-01` });
    expect(((await answer.json()) as { errors?: unknown }).errors).toBeUndefined();

    // (a) Looker saw the caller's trace id on every request the operation made.
    const requests = await lookerRequests();
    expect(requests.length).toBe((await stack.lookerStats()).total);
    expect(requests.map((r) => r.path)).toContain('/api/4.0/looks/search');
    for (const request of requests) expect(partsOf(request.traceparent)[0]).toBe(traceId);

    // The production process serves its metrics on its own port.
    const scraped = await scrape(server.metricsUrl as string);
    expect(scraped.value('looker_requests_total', { endpoint: 'search_looks', status: '200' })).toBe(2);
    expect(scraped.value('graphql_operation_duration_seconds_count', { operation: 'PageOfLooks', outcome: 'ok' })).toBe(
      2,
    );

    // SIGTERM drains the server and exports the spans still buffered.
    exitCode = await server.terminate();

    // (b) The operation is a child of the caller's span; each Looker call a child of the
    // operation, and the very span whose id Looker received as the parent.
    const spans = receiver.spans().filter((s) => s.traceId === traceId);
    const operation = spans.find((s) => s.name === 'query PageOfLooks');
    expect(operation).toBeDefined();
    expect(operation?.parentSpanId).toBe(callerSpanId);
    expect(operation?.attributes).toEqual(
      expect.arrayContaining([{ key: 'graphql.outcome', value: { stringValue: 'ok' } }]),
    );
    const lookerSpans = spans.filter((s) => s.name.startsWith('looker '));
    expect(lookerSpans.map((s) => s.name)).toContain('looker search_looks');
    for (const span of lookerSpans) expect(span.parentSpanId).toBe(operation?.spanId);
    expect(new Set(requests.map((r) => partsOf(r.traceparent)[1]))).toEqual(new Set(lookerSpans.map((s) => s.spanId)));
    expect(receiver.serviceNames()).toContain('looker-subgraph-e2e');
  } finally {
    if (exitCode === null) exitCode = await server.terminate();
    assertNoSecrets([server.output()], [testLookerSecret, token]);
  }
  expect(exitCode).toBe(0);
});

describe('in process, without an exporter', () => {
  let tracing: ReturnType<typeof startTracing>;
  beforeAll(() => {
    tracing = startTracing({ serviceName: 'looker-subgraph-test' });
  });
  afterAll(() => tracing?.shutdown());

  test("the caller's trace id reaches Looker under the subgraph's own span", async () => {
    const token = await stack.token('demo-analyst');
    await stack.graphql(pageOfLooks, { token });
    await stack.resetLookerStats();
    const traceId = hex(16);
    const callerSpanId = hex(8);
    expect(
      (await stack.graphql(pageOfLooks, { token, headers: { traceparent: `00-${traceId}-${callerSpanId}-01` } })).body
        .errors,
    ).toBeUndefined();
    const requests = await lookerRequests();
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      const [seenTrace, parent] = partsOf(request.traceparent);
      expect(seenTrace).toBe(traceId);
      expect(parent).not.toBe(callerSpanId);
    }
  });

  test('a body that arrives in pieces keeps the caller trace', async () => {
    const token = await stack.token('demo-analyst');
    await stack.graphql(pageOfLooks, { token });
    await stack.resetLookerStats();
    const traceId = hex(16);
    const body = JSON.stringify({ query: pageOfLooks });
    // The body parser resumes on socket events that arrive after the middleware ran.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${stack.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
          traceparent: `00-${traceId}-${hex(8)}-01`,
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.flushHeaders();
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 50);
    });
    expect(status).toBe(200);
    const requests = await lookerRequests();
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(partsOf(r.traceparent)[0]).toBe(traceId);
  });

  test('a request without traceparent starts a trace of its own, one per request', async () => {
    const token = await stack.token('demo-analyst');
    await stack.resetLookerStats();
    await stack.graphql(pageOfLooks, { token });
    await stack.graphql(pageOfLooks, { token });
    // Without an exporter, traces this process starts are not sampled (flags 00): nothing records them.
    const traces = new Set(
      (await lookerRequests()).map((r) => /^00-([0-9a-f]{32})-[0-9a-f]{16}-00$/.exec(r.traceparent ?? '')?.[1]),
    );
    expect(traces.has(undefined)).toBe(false);
    expect(traces.size).toBe(2);
  });
});
