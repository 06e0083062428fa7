import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** A span as OTLP/HTTP JSON carries it (the fields the tests read). */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes?: { key: string; value: Record<string, unknown> }[];
}

interface ExportRequest {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: Record<string, unknown> }[] };
    scopeSpans?: { spans?: ReceivedSpan[] }[];
  }[];
}

/** A minimal OTLP/HTTP trace receiver: collects the JSON bodies POSTed to `/v1/traces`. */
export interface OtlpReceiver {
  /** The base endpoint, as `OTEL_EXPORTER_OTLP_ENDPOINT` takes it. */
  readonly endpoint: string;
  /** Every span received so far. */
  spans(): ReceivedSpan[];
  /** The `service.name` of every resource received. */
  serviceNames(): string[];
  close(): Promise<void>;
}

/** Starts the receiver on a free loopback port. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const bodies: ExportRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (
        req.method !== 'POST' ||
        req.url !== '/v1/traces' ||
        !String(req.headers['content-type']).startsWith('application/json')
      ) {
        res.writeHead(404).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      bodies.push(
        JSON.parse(
          (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
        ) as ExportRequest,
      );
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans: () =>
      bodies.flatMap((b) => (b.resourceSpans ?? []).flatMap((r) => (r.scopeSpans ?? []).flatMap((s) => s.spans ?? []))),
    serviceNames: () =>
      bodies.flatMap((b) =>
        (b.resourceSpans ?? []).map((r) =>
          String(r.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue),
        ),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
