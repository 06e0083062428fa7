import type { FaultSpec } from '../emulator/http/control-schemas';
import type { FairnessResult } from './fairness';
import type { ClassFigures, TallyFigures } from './outcome-tally';
import { num, table } from './report';
import type { SoakOptions } from './soak-options';
import type { SoakResult } from './soak-run';

/** Everything `npm run soak` found: written to the results file and printed. */
export interface SoakResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: { readonly nproc: number; readonly node: string; readonly cpu: string };
  readonly options: SoakOptions;
  readonly soak: readonly SoakResult[];
  readonly fairness?: FairnessResult;
  /** Why the fairness part failed, when it did (the soak's figures are kept). */
  readonly fairnessError?: string;
}

function counts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record);
  return entries.length === 0 ? '-' : entries.map(([key, n]) => `${key} ${n}`).join(', ');
}

function describeFault(fault: FaultSpec): string {
  const what =
    fault.hang === true
      ? 'hang'
      : `${fault.status}${fault.retryAfter === undefined ? '' : ` (Retry-After ${fault.retryAfter})`}`;
  return `${what} ${fault.rate === undefined ? 'always' : `${num(fault.rate * 100, 1)}%`}${fault.route === undefined ? '' : ` on ${fault.route}`}`;
}

function classRow(run: string, figures: ClassFigures): string[] {
  return [
    run,
    figures.name,
    String(figures.requests),
    String(figures.ok),
    num(figures.latency.p50),
    num(figures.latency.p99),
    num(figures.latency.max),
    num(figures.okLatency.p50),
    num(figures.okLatency.p99),
  ];
}

const classHeader = ['run', 'class', 'requests', 'ok', 'p50 ms', 'p99 ms', 'max ms', 'ok p50', 'ok p99'];

function soakSection(runs: readonly SoakResult[]): string {
  const rows: [string, (r: SoakResult) => string][] = [
    [
      'fault rules (conditional rates, in order)',
      (r) => (r.faults.length === 0 ? 'none' : r.faults.map(describeFault).join(' then ')),
    ],
    ['requests sent / planned', (r) => `${r.pace.sent} / ${r.pace.planned}`],
    ['skipped (in-flight bound)', (r) => String(r.pace.skipped)],
    ['req/s sent', (r) => num(r.sentPerSecond, 1)],
    [
      'ok answers',
      (r) => `${r.byOperation.ok} (${num((100 * r.byOperation.ok) / Math.max(1, r.byOperation.requests), 1)}%)`,
    ],
    ['sending / until last answer s', (r) => `${num(r.pace.sendingMs / 1000, 1)} / ${num(r.pace.elapsedMs / 1000, 1)}`],
    [
      'subgraph RSS start / end / peak MB',
      (r) => `${num(r.rssMb.start, 0)} / ${num(r.rssMb.end, 0)} / ${num(r.rssMb.peak, 0)}`,
    ],
    [
      'heap used peak / end, heap total peak MB',
      (r) =>
        r.heap === undefined
          ? '-'
          : `${num(r.heap.peakUsedMb, 0)} / ${num(r.heap.endUsedMb, 0)}, ${num(r.heap.peakTotalMb, 0)}`,
    ],
    ['external (buffers) peak MB', (r) => (r.heap === undefined ? '-' : num(r.heap.peakExternalMb, 0))],
    ['Looker calls (emulator)', (r) => String(r.lookerCalls)],
    ['Looker calls per request', (r) => num(r.lookerCallsPerRequest, 2)],
    ['errors by GraphQL code', (r) => counts(r.byOperation.errorCodes)],
    ['HTTP status', (r) => counts(r.byOperation.statuses)],
  ];
  const summary = table(
    ['', ...runs.map((r) => r.label)],
    rows.map(([label, value]) => [label, ...runs.map(value)]),
    1,
  );
  const perOperation = table(
    classHeader,
    runs.flatMap((r) => r.byOperation.classes.map((c) => classRow(r.label, c))),
  );
  const perCaller = table(
    classHeader,
    runs.flatMap((r) => r.byCaller.classes.map((c) => classRow(r.label, c))),
  );
  return [
    'Soak',
    '',
    summary,
    '',
    'Per operation class (p50/p99 over every answer; ok p50/p99 over answers without errors)',
    '',
    perOperation,
    '',
    'Per caller',
    '',
    perCaller,
    ...runs.flatMap((r) =>
      r.heapSnapshots === undefined ? [] : ['', `heap snapshots (${r.label}): ${r.heapSnapshots.join(', ')}`],
    ),
  ].join('\n');
}

/** One class of a phase; the phase's errors go on its first row, which holds all its requests. */
function fairnessRow(phase: string, figures: TallyFigures, className: string): string[] {
  const c = figures.classes.find((x) => x.name === className);
  const first = figures.classes[0]?.name === className;
  return [
    phase,
    className,
    String(c?.requests ?? 0),
    String(c?.ok ?? 0),
    num(c?.latency.p50),
    num(c?.latency.p99),
    num(c?.latency.max),
    first ? counts(figures.errorCodes) : '',
    first ? counts(figures.statuses) : '',
  ];
}

function fairnessSection(f: FairnessResult): string {
  const header = ['phase', 'class', 'requests', 'ok', 'p50 ms', 'p99 ms', 'max ms', 'errors by code', 'HTTP status'];
  const phaseRows = (phase: string, figures: TallyFigures) =>
    figures.classes.map((c) => fairnessRow(phase, figures, c.name));
  const rows = [
    ...phaseRows('callers alone', f.baseline),
    ...phaseRows('callers + hog', f.withHog),
    fairnessRow('the hog', f.hog, 'hog'),
    fairnessRow('hog burst at recovery', f.recoveryBurst, 'hog'),
  ];
  const r = f.recovery;
  const at = (ms: number | undefined) => (ms === undefined ? 'none within the cap' : `${num(ms / 1000, 2)} s`);
  return [
    `Fairness (${f.ordinaryCallers} ordinary callers, one subject each; the hog is one subject)`,
    '',
    table(header, rows),
    '',
    `query runs that reached Looker while the hog ran: ${f.hogLookerRuns}`,
    `after Looker recovers (faults removed while the hog's burst was held): first answer without errors ${at(r.firstOkMs)}, first normal answer (≤ ${num(r.normalMs, 0)} ms) ${at(r.firstNormalMs)}; ${r.probes} probes, slowest ${num(r.slowestProbeMs, 0)} ms`,
  ].join('\n');
}

/** The text `npm run soak` prints. */
export function formatSoakReport(results: SoakResults): string {
  const o = results.options;
  const env =
    Object.keys(o.env).length === 0
      ? 'none'
      : Object.entries(o.env)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
  const lines = [
    `npm run soak: ${results.startedAt} → ${results.finishedAt}, ${results.machine.nproc} cores (${results.machine.cpu}), Node ${results.machine.node}`,
    `emulator latency ${o.latencyMs} ms, scale ${o.scale}, seed ${o.seed}; subgraph extra environment: ${env}`,
    '',
  ];
  if (results.soak.length > 0)
    lines.push(`${o.soakMinutes} min per run at ${o.rate} req/s`, '', soakSection(results.soak), '');
  if (results.fairness !== undefined) lines.push(fairnessSection(results.fairness));
  if (results.fairnessError !== undefined) lines.push(`Fairness failed: ${results.fairnessError}`);
  return lines.join('\n');
}
