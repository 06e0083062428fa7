import type { BenchOptions } from './options';
import type { RunRecord } from './measure';
import { scenarioById } from './scenarios';
import { findRun, type TargetResult } from './targets';

/** Everything one benchmark run found: written to the results file and printed. */
export interface BenchResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: { readonly nproc: number; readonly node: string; readonly cpu: string };
  readonly options: BenchOptions;
  /** What each scenario's answer held (checked before any load). */
  readonly answers: Readonly<Record<string, string>>;
  readonly runs: readonly RunRecord[];
  /** The subgraph's own cost at 0 ms latency, scenario 1. */
  readonly zeroLatency?: ZeroLatencyFigures;
  readonly targets: readonly TargetResult[];
}

/** Scenario 1 at 0 ms: what the subgraph adds to what a direct SDK client pays. */
export interface ZeroLatencyFigures {
  readonly connections: number;
  /** Subgraph p50 minus floor p50 at `connections`, ms. */
  readonly ownCostMs: number;
  /** The same with one connection: the cost of one request without queueing, ms. */
  readonly ownCostSingleMs: number;
  /** Subgraph requests/s divided by the floor's, at `connections`. */
  readonly throughputRatio: number;
  /** Against GraphQL Mesh at `connections`, when it ran: requests/s and CPU per operation, subgraph divided by Mesh. */
  readonly mesh?: { readonly throughputRatio: number; readonly cpuRatio: number };
}

/** Derives the 0 ms figures when both sides were measured. */
export function zeroLatencyFigures(runs: readonly RunRecord[], connections: number): ZeroLatencyFigures | undefined {
  const at = (variant: 'subgraph' | 'floor' | 'mesh', conns: number) =>
    runs.find(
      (r) => r.phase === 'zero-latency' && r.scenario === '1' && r.variant === variant && r.connections === conns,
    );
  const sub = at('subgraph', connections);
  const floor = at('floor', connections);
  const sub1 = at('subgraph', 1);
  const floor1 = at('floor', 1);
  if (!sub || !floor || !sub1 || !floor1) return undefined;
  const mesh = at('mesh', connections);
  return {
    connections,
    ownCostMs: sub.p50Ms - floor.p50Ms,
    ownCostSingleMs: sub1.p50Ms - floor1.p50Ms,
    throughputRatio: sub.requestsPerSecond / floor.requestsPerSecond,
    ...(mesh
      ? {
          mesh: {
            throughputRatio: sub.requestsPerSecond / mesh.requestsPerSecond,
            cpuRatio: (sub.cpuMsPerOp ?? Number.NaN) / (mesh.cpuMsPerOp ?? Number.NaN),
          },
        }
      : {}),
  };
}

/** A number with `digits` decimals, or `-` when there is none. */
export const num = (n: number | undefined, digits = 1): string =>
  n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits);

/** A plain-text table: the first `leftAligned` columns padded right, the others left. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], leftAligned = 2): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i < leftAligned ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function loadRow(run: RunRecord, label: string, single: RunRecord | undefined): string[] {
  return [
    label,
    run.variant,
    String(run.connections),
    num(run.requestsPerSecond, 0),
    num(run.p50Ms),
    num(run.p95Ms),
    num(run.p99Ms),
    num(run.lookerCallsPerOp, 2),
    num(single?.lookerCallsPerOp, 2),
    num(single?.p50Ms),
    num(run.cpuMsPerOp, 2),
    num(run.peakRssMb, 0),
    String(run.failures),
  ];
}

const header = [
  'scenario',
  'variant',
  'conn',
  'req/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'Looker calls/op',
  '1-op calls',
  '1-op p50 ms',
  'CPU ms/op',
  'peak RSS MB',
  'fails',
];

/** The printed report: the main table, the 0 ms comparison, the RSS run and the targets. */
export function formatReport(results: BenchResults): string {
  const { options, runs } = results;
  const out: string[] = [];
  out.push(
    `Looker subgraph benchmark  ${results.startedAt}`,
    `nproc ${results.machine.nproc} (${results.machine.cpu}), Node ${results.machine.node}; emulator latency ${options.latencyMs} ms per Looker call, scale ${options.scale}, seed ${options.seed}; ${options.durationS} s per run after ${options.warmupS} s warm-up`,
    '',
  );
  const main = runs.filter((r) => r.phase === 'main');
  out.push(
    table(
      header,
      main.map((run) =>
        loadRow(
          run,
          `${run.scenario} ${scenarioById(run.scenario).name}`,
          findRun(runs, 'single', run.scenario, run.variant),
        ),
      ),
    ),
  );
  const zero = runs.filter((r) => r.phase === 'zero-latency');
  if (zero.length > 0) {
    out.push('', 'Scenario 1 at 0 ms injected latency');
    out.push(
      table(
        header,
        zero.map((run) => loadRow(run, `1 ${scenarioById('1').name}`, undefined)),
      ),
    );
    if (results.zeroLatency) {
      const z = results.zeroLatency;
      out.push(
        `subgraph's own cost per operation (its p50 - floor p50): ${num(z.ownCostMs, 2)} ms at ${z.connections} connections, ${num(z.ownCostSingleMs, 2)} ms at 1 connection;` +
          ` throughput ${num(z.throughputRatio * 100, 0)} % of the floor's at ${z.connections} connections`,
      );
      if (z.mesh) {
        out.push(
          `against GraphQL Mesh (OpenAPI, no token check; subgraph caches off, token checked): throughput ${num(z.mesh.throughputRatio, 2)} x Mesh's, CPU per operation ${num(z.mesh.cpuRatio, 2)} x Mesh's, at ${z.connections} connections`,
        );
      }
    }
  }
  const rss = runs.filter((r) => r.phase === 'rss');
  if (rss.length > 0) {
    out.push(
      '',
      `Scenario 3, ${options.rssConnections} requests at once on ${options.rssConnections} connections, fresh subgraph process (peak RSS)`,
    );
    out.push(
      table(
        header,
        rss.map((run) => loadRow(run, `3 ${scenarioById('3').name}`, undefined)),
      ),
    );
    for (const run of rss)
      out.push(
        `RSS when the burst began (after 3 warm-up requests): ${num(run.startRssMb, 0)} MB; peak ${num(run.peakRssMb, 0)} MB`,
      );
  }
  out.push(
    '',
    table(
      ['target', 'measured', 'verdict'],
      results.targets.map((t) => [t.name, t.measured, t.verdict]),
      2,
    ),
  );
  const failed = runs.filter((r) => r.failures > 0);
  for (const run of failed)
    out.push(
      `! ${run.phase} scenario ${run.scenario} ${run.variant}: ${run.failures} failures (${run.firstFailure ?? 'no detail'})`,
    );
  return out.join('\n');
}
