import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * The process's Prometheus metrics, on prom-client's default registry. One process may run several
 * servers (tests do), so every metric is created once per registry: a second import of this module
 * (a fresh module registry, a second bundle) finds the metric already there and reuses it instead
 * of failing on a duplicate name.
 */

/** Whatever kind of metric `create` builds, the one already registered under its name wins. */
function once<M>(name: string, kind: abstract new (...args: never[]) => M, create: () => M): M {
  const existing = register.getSingleMetric(name);
  return existing instanceof kind ? existing : create();
}

/** Buckets for GraphQL operations, from a cached answer (ms) to a slow Looker run (minutes). */
const operationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Buckets for one HTTP request to Looker. */
const lookerBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const operationDuration = once(
  'graphql_operation_duration_seconds',
  Histogram,
  () =>
    new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operations answered, by operation name and outcome (ok, partial, error, unauthenticated, refused)',
      labelNames: ['operation', 'outcome'] as const,
      buckets: operationBuckets,
    }),
);

const lookerRequests = once(
  'looker_requests_total',
  Counter,
  () =>
    new Counter({
      name: 'looker_requests_total',
      help: 'HTTP requests sent to Looker, by Looker endpoint (operation name) and HTTP status, or error/timeout',
      labelNames: ['endpoint', 'status'] as const,
    }),
);

const lookerDuration = once(
  'looker_request_duration_seconds',
  Histogram,
  () =>
    new Histogram({
      name: 'looker_request_duration_seconds',
      help: 'Duration of HTTP requests to Looker, answer body included, by Looker endpoint and status',
      labelNames: ['endpoint', 'status'] as const,
      buckets: lookerBuckets,
    }),
);

const cacheRequests = once(
  'cache_requests_total',
  Counter,
  () =>
    new Counter({
      name: 'cache_requests_total',
      help: 'Cache lookups, by cache and result (hit or miss)',
      labelNames: ['cache', 'result'] as const,
    }),
);

const replicaWaits = once(
  'cache_replica_waits_total',
  Counter,
  () =>
    new Counter({
      name: 'cache_replica_waits_total',
      help: 'Cache misses that waited for another replica loading the same key, by cache and outcome (shared: its answer was served; own: loaded here after the wait)',
      labelNames: ['cache', 'outcome'] as const,
    }),
);

const tokenRefusals = once(
  'token_refusals_total',
  Counter,
  () =>
    new Counter({
      name: 'token_refusals_total',
      help: 'Access tokens refused, by reason (expired, signature, issuer, audience, ...)',
      labelNames: ['reason'] as const,
    }),
);

const lookerSlotsInUse = once(
  'looker_concurrency_in_use',
  Gauge,
  () =>
    new Gauge({
      name: 'looker_concurrency_in_use',
      help: 'Looker call slots in use, by class of caller',
      labelNames: ['class'] as const,
    }),
);

const lookerSlotsQueued = once(
  'looker_concurrency_queued',
  Gauge,
  () =>
    new Gauge({
      name: 'looker_concurrency_queued',
      help: 'Looker calls waiting for a slot, by class of caller',
      labelNames: ['class'] as const,
    }),
);

/** How a GraphQL operation ended, as the audit trail counts it, plus `refused` (never executed). */
export type OperationOutcome = 'ok' | 'partial' | 'error' | 'unauthenticated' | 'refused';

/** Distinct operation names kept as label values; the rest are counted as `other`. */
export const MAX_OPERATION_LABELS = 200;
const operationLabels = new Set<string>();
/** A GraphQL name (spec §2.1.9), bounded in length: anything else is not a name a client chose well. */
const graphqlName = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * The label value for an operation name. Operation names are client input: an unbounded set of
 * them would grow the registry (and Prometheus) without end, so the first
 * {@link MAX_OPERATION_LABELS} distinct names are kept and later ones become `other`.
 */
export function operationLabel(name: string | null | undefined): string {
  if (name === null || name === undefined || name === '') return 'anonymous';
  if (!graphqlName.test(name)) return 'other';
  if (operationLabels.has(name)) return name;
  if (operationLabels.size >= MAX_OPERATION_LABELS) return 'other';
  operationLabels.add(name);
  return name;
}

/** The label of every operation of a caller without a valid token: not a GraphQL name, so no operation can take it. */
export const UNAUTHENTICATED_OPERATION_LABEL = '(unauthenticated)';

/**
 * Records one GraphQL operation answered. Only an authenticated caller's operation is labelled
 * by its name: the label slots are few, and anyone could otherwise fill them with names of their
 * own (`query AnonN { __typename }`), leaving the real operations counted as `other`.
 */
export function recordOperation(
  name: string | null | undefined,
  outcome: OperationOutcome,
  seconds: number,
  authenticated: boolean,
): void {
  operationDuration.observe(
    { operation: authenticated ? operationLabel(name) : UNAUTHENTICATED_OPERATION_LABEL, outcome },
    seconds,
  );
}

/**
 * Records one HTTP request to Looker. `endpoint` is the Looker operation name (`search_looks`,
 * `login`), never a path with ids; `status` the HTTP status, or `error`/`timeout` without one.
 */
export function recordLookerRequest(endpoint: string, status: string, seconds: number): void {
  lookerRequests.inc({ endpoint, status });
  lookerDuration.observe({ endpoint, status }, seconds);
}

/** Records one cache lookup (`cache` names the cache: `verified_token`, …). */
export function recordCacheLookup(cache: string, hit: boolean): void {
  cacheRequests.inc({ cache, result: hit ? 'hit' : 'miss' });
}

/**
 * Records one cache miss that waited for another replica's load of the same key: `shared` when
 * that load's answer was served, else this replica loaded for itself after the wait.
 */
export function recordReplicaWait(cache: string, shared: boolean): void {
  replicaWaits.inc({ cache, outcome: shared ? 'shared' : 'own' });
}

/** Records one access token refused; `reason` is a token rejection code, never the token. */
export function recordTokenRefusal(reason: string): void {
  tokenRefusals.inc({ reason });
}

/**
 * Reports the Looker call slots of one class of caller: how many are in use and how many calls
 * wait for one. The concurrency limiter calls it whenever either changes.
 */
export function reportLookerSlots(klass: string, inUse: number, queued: number): void {
  lookerSlotsInUse.set({ class: klass }, inUse);
  lookerSlotsQueued.set({ class: klass }, queued);
}

let defaultMetricsOn = false;

/** Adds prom-client's default process metrics (CPU, memory, event loop, GC) once per process. */
export function collectProcessMetrics(): void {
  if (defaultMetricsOn || register.getSingleMetric('process_cpu_user_seconds_total') !== undefined) return;
  defaultMetricsOn = true;
  collectDefaultMetrics();
}

/** The registry's text exposition and its content type, as `GET /metrics` serves them. */
export async function metricsExposition(): Promise<{ contentType: string; body: string }> {
  return { contentType: register.contentType, body: await register.metrics() };
}
