import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
} from '@opentelemetry/sdk-trace-node';

/** Options of {@link startTracing}. */
export interface TracingOptions {
  /** `service.name` of the spans. */
  readonly serviceName: string;
  /**
   * OTLP/HTTP base endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<endpoint>/v1/traces`.
   * Without it nothing is exported, but trace context still propagates from callers to Looker.
   */
  readonly otlpEndpoint?: string;
}

/** Tracing, started. */
export interface RunningTracing {
  /** Exports the spans ended so far (tests call it before looking at the receiver). */
  flush(): Promise<void>;
  /** Exports what is left and unregisters the provider and propagator. */
  shutdown(): Promise<void>;
}

const instrumentationName = 'looker-subgraph';

/** The tracer spans are made with: a no-op one until {@link startTracing} registers a provider. */
export function tracer(): Tracer {
  return trace.getTracer(instrumentationName);
}

let running: RunningTracing | undefined;

/**
 * Registers OpenTelemetry for the process: a Node tracer provider and the W3C trace-context
 * propagator (no context manager: trace contexts are passed explicitly, see
 * `traceGraphQLRequests`), and an OTLP/HTTP (JSON) exporter when an endpoint is given. Without an
 * endpoint nothing is exported, so traces this process starts are not sampled (no span is
 * recorded: that work would be thrown away), while a caller's sampled `traceparent` is still
 * honoured; either way the trace id reaches Looker. Registration is global: it happens once per
 * process until `shutdown`, and a second start while running is refused.
 */
export function startTracing(options: TracingOptions): RunningTracing {
  if (running) throw new Error('Tracing is already started in this process');
  const endpoint = options.otlpEndpoint?.replace(/\/+$/, '');
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: endpoint ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))] : [],
    sampler: new ParentBasedSampler({ root: endpoint ? new AlwaysOnSampler() : new AlwaysOffSampler() }),
  });
  // Trace context only: baggage would forward whatever a caller puts in it to Looker. No context
  // manager: the request's trace context is passed explicitly to its Looker calls (a context
  // manager rests on AsyncLocalStorage, which on Node 20 hooks every promise of the process).
  provider.register({ propagator: new W3CTraceContextPropagator(), contextManager: null });
  const handle: RunningTracing = {
    flush: () => provider.forceFlush(),
    async shutdown() {
      if (running !== handle) return;
      running = undefined;
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        propagation.disable();
        context.disable();
      }
    },
  };
  running = handle;
  return handle;
}
