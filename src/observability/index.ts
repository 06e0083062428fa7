/**
 * Prometheus metrics, OpenTelemetry tracing and the application log: the only door to
 * `src/observability/`. Middleware and wrappers that record what happens; no decisions are taken here.
 */
export {
  MAX_OPERATION_LABELS,
  operationLabel,
  recordCacheLookup,
  recordLookerRequest,
  recordOperation,
  recordReplicaWait,
  recordTokenRefusal,
  reportLookerSlots,
  UNAUTHENTICATED_OPERATION_LABEL,
  type OperationOutcome,
} from './metrics';
export { startMetricsServer, type MetricsServer } from './metrics-server';
export { injectTraceContext, observeLookerRequest, type LookerRequestInfo } from './looker-request';
export { requestTraceOf, traceGraphQLRequests } from './request-span';
export { startTracing, type RunningTracing, type TracingOptions } from './tracing';
