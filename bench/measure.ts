import type { EmulatorControl, EmulatorStats } from './emulator-control';
import type { Floor } from './floor';
import { loadGraphql, postGraphql, sequentialGraphql } from './graphql-load';
import type { LoadOutcome } from './latency-stats';
import { ProcessMonitor } from './process-monitor';
import { scenarioById, type ScenarioId } from './scenarios';

/** What is measured: the subgraph, the subgraph without batching, the SDK floor, or GraphQL Mesh over Looker's OpenAPI spec. */
export type Variant = 'subgraph' | 'unbatched' | 'floor' | 'mesh';

/** Why a run was made: the main matrix, the 0 ms comparison, the peak-RSS run, or a single-operation probe. */
export type Phase = 'main' | 'zero-latency' | 'rss' | 'single';

/** Something the benchmark can drive. */
export interface Driven {
  readonly variant: Variant;
  /** The process whose CPU time (and, for the subgraph, RSS) is watched. */
  readonly pid: number;
  load(scenario: ScenarioId, connections: number, durationS: number): Promise<LoadOutcome>;
  sequential(scenario: ScenarioId, count: number): Promise<LoadOutcome>;
  /** `connections` requests at once, each connection sending `rounds` in a row, until all are answered. */
  burst(scenario: ScenarioId, connections: number, rounds: number): Promise<LoadOutcome>;
  /** Runs the operation once and describes its answer; throws when the answer is incomplete. */
  check(scenario: ScenarioId): Promise<string>;
}

/** A subgraph process behind GraphQL over HTTP. */
export function drivenSubgraph(variant: 'subgraph' | 'unbatched', pid: number, url: string, token: string): Driven {
  const target = (scenario: ScenarioId) => ({ url, token, query: scenarioById(scenario).query });
  return {
    variant,
    pid,
    load: (scenario, connections, durationS) => loadGraphql(target(scenario), connections, durationS),
    sequential: (scenario, count) => sequentialGraphql(target(scenario), count),
    burst: (scenario, connections, rounds) => loadGraphql(target(scenario), connections, 3600, connections * rounds),
    check: async (scenario) => scenarioById(scenario).check(await postGraphql(target(scenario))),
  };
}

/** The floor process. */
export function drivenFloor(floor: Floor): Driven {
  return {
    variant: 'floor',
    pid: floor.pid,
    load: (scenario, connections, durationS) => floor.load(scenario, connections, durationS),
    sequential: (scenario, count) => floor.sequential(scenario, count),
    burst: () => Promise.reject(new Error('the floor runs no bursts')),
    check: async (scenario) => {
      const outcome = await floor.sequential(scenario, 1);
      if (outcome.failures > 0) throw new Error(outcome.firstFailure ?? 'the floor operation failed');
      return 'ok';
    },
  };
}

/** One measured run, as written to the results file. */
export interface RunRecord {
  readonly phase: Phase;
  readonly scenario: ScenarioId;
  readonly variant: Variant;
  readonly latencyMs: number;
  /** Concurrent connections (1 for the sequential probe). */
  readonly connections: number;
  readonly durationS: number;
  readonly completed: number;
  readonly failures: number;
  readonly firstFailure?: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** Operations sent, including those unanswered when the run ended (the target still served them). */
  readonly started: number;
  /** Looker API calls the emulator served for the run's operations, divided by operations sent. */
  readonly lookerCallsPerOp: number;
  /** The same per route template. */
  readonly lookerCallsPerOpByRoute: Readonly<Record<string, number>>;
  /** Resident set size of the subgraph as the measured run began, MB (not measured for the floor). */
  readonly startRssMb?: number;
  /** Peak resident set size of the subgraph during the run, MB (not measured for the floor). */
  readonly peakRssMb?: number;
  /** CPU time of the measured process per operation sent (abandoned ones were served too), ms. */
  readonly cpuMsPerOp?: number;
}

function perOp(stats: EmulatorStats, operations: number): { total: number; byRoute: Record<string, number> } {
  const divide = (n: number): number => (operations === 0 ? Number.NaN : n / operations);
  const byRoute = Object.fromEntries(Object.entries(stats.byRoute).map(([route, n]) => [route, divide(n)]));
  return { total: divide(stats.total), byRoute };
}

/**
 * What to run: load for a duration at a concurrency; a number of sequential operations; or a burst
 * of `connections` simultaneous operations (`rounds` per connection), after `warmupCount` sequential ones.
 */
export type RunShape =
  | { readonly kind: 'load'; readonly connections: number; readonly durationS: number; readonly warmupS: number }
  | { readonly kind: 'sequential'; readonly count: number }
  | { readonly kind: 'burst'; readonly connections: number; readonly rounds: number; readonly warmupCount: number };

function drive(driven: Driven, scenario: ScenarioId, shape: RunShape): Promise<LoadOutcome> {
  if (shape.kind === 'load') return driven.load(scenario, shape.connections, shape.durationS);
  if (shape.kind === 'burst') return driven.burst(scenario, shape.connections, shape.rounds);
  return driven.sequential(scenario, shape.count);
}

/**
 * How long the emulator's counters must stay still before a run counts as over: operations the
 * load generator abandoned at the end keep calling Looker for about as long as a slow answer takes.
 */
function quietWindowMs(outcome: LoadOutcome): number {
  const p99 = Number.isFinite(outcome.latency.p99) ? outcome.latency.p99 : 0;
  return Math.min(3_000, Math.max(200, p99));
}

/**
 * One measured run: warm-up (load only), reset the emulator's counters, watch the process, drive,
 * wait for the counters to settle, and put it all in one record. Looker calls are divided by the
 * operations sent, since the abandoned ones made their calls too.
 */
export async function measure(
  driven: Driven,
  emulator: EmulatorControl,
  scenario: ScenarioId,
  phase: Phase,
  latencyMs: number,
  shape: RunShape,
): Promise<RunRecord> {
  if (shape.kind === 'load' && shape.warmupS > 0) {
    const warmup = await driven.load(scenario, shape.connections, shape.warmupS);
    await emulator.settledStats(quietWindowMs(warmup));
  }
  if (shape.kind === 'burst' && shape.warmupCount > 0) await driven.sequential(scenario, shape.warmupCount);
  await emulator.resetStats();
  const monitor = new ProcessMonitor(driven.pid);
  monitor.start();
  const outcome = await drive(driven, scenario, shape);
  const calls = perOp(await emulator.settledStats(quietWindowMs(outcome)), outcome.started);
  const usage = monitor.stop();
  return {
    phase,
    scenario,
    variant: driven.variant,
    latencyMs,
    connections: shape.kind === 'sequential' ? 1 : shape.connections,
    durationS: outcome.elapsedMs / 1000,
    started: outcome.started,
    completed: outcome.completed,
    failures: outcome.failures,
    ...(outcome.firstFailure === undefined ? {} : { firstFailure: outcome.firstFailure }),
    requestsPerSecond: outcome.requestsPerSecond,
    p50Ms: outcome.latency.p50,
    p95Ms: outcome.latency.p95,
    p99Ms: outcome.latency.p99,
    lookerCallsPerOp: calls.total,
    lookerCallsPerOpByRoute: calls.byRoute,
    ...(driven.variant !== 'floor' && usage.startRssMb !== undefined ? { startRssMb: usage.startRssMb } : {}),
    ...(driven.variant !== 'floor' && usage.peakRssMb !== undefined ? { peakRssMb: usage.peakRssMb } : {}),
    ...(usage.cpuMs !== undefined && outcome.started > 0 ? { cpuMsPerOp: usage.cpuMs / outcome.started } : {}),
  };
}
