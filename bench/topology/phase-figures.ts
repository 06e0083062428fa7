import { isErrorCode } from '../../src/errors';
import { summarizeLatencies, type LatencySummary } from '../latency-stats';
import type { PhaseLoad, SentRequest } from './phase-load';

/** One phase's line of the table. */
export interface PhaseFigures {
  readonly phase: string;
  readonly requests: number;
  /** Sends the schedule dropped because too many requests were unanswered (the load's bound). */
  readonly skipped: number;
  readonly failures: number;
  /** Failed requests per kind: an `extensions.code`, `HTTP_<status>`, or `timeout`/`transport` when no answer came. */
  readonly failureKinds: Readonly<Record<string, number>>;
  /** Over every request that got an answer. */
  readonly latency: LatencySummary;
  /** Looker API calls the emulator counted during the phase. */
  readonly lookerCalls: number;
  /** What the phase checks, in words, and whether it held. */
  readonly checks: readonly { readonly what: string; readonly held: boolean }[];
}

/** The kind a failed request is counted under. */
export function failureKind(request: SentRequest): string {
  const { outcome } = request;
  if (outcome.status === null) return outcome.failure ?? 'transport';
  if (outcome.codes.length > 0) return outcome.codes.join('+');
  return `HTTP_${outcome.status}`;
}

/** Whether every failure carries a code of the subgraph's own error table (a typed error). */
export function onlyTypedFailures(requests: readonly SentRequest[]): boolean {
  return requests.every((r) => r.outcome.ok || (r.outcome.codes.length > 0 && r.outcome.codes.every(isErrorCode)));
}

/** The figures of one phase's requests. */
export function phaseFigures(
  phase: string,
  { requests, skipped }: Pick<PhaseLoad, 'requests' | 'skipped'>,
  lookerCalls: number,
  checks: PhaseFigures['checks'],
): PhaseFigures {
  const kinds = new Map<string, number>();
  for (const request of requests.filter((r) => !r.outcome.ok)) {
    const kind = failureKind(request);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return {
    phase,
    requests: requests.length,
    skipped,
    failures: requests.filter((r) => !r.outcome.ok).length,
    failureKinds: Object.fromEntries([...kinds].sort(([a], [b]) => a.localeCompare(b))),
    latency: summarizeLatencies(requests.filter((r) => r.outcome.status !== null).map((r) => r.outcome.ms)),
    lookerCalls,
    checks,
  };
}

const ms = (value: number): string => (Number.isNaN(value) ? '-' : `${Math.round(value)} ms`);

/** The table of every phase, then each phase's checks. */
export function formatPhaseTable(phases: readonly PhaseFigures[]): string {
  const rows = [
    ['phase', 'requests', 'skipped', 'failed', 'failures by kind', 'p50', 'p99', 'Looker calls'],
    ...phases.map((p) => [
      p.phase,
      String(p.requests),
      String(p.skipped),
      String(p.failures),
      Object.entries(p.failureKinds)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ') || '-',
      ms(p.latency.p50),
      ms(p.latency.p99),
      String(p.lookerCalls),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]): string => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  const table = [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)];
  const checks = phases.flatMap((p) => p.checks.map((c) => `${c.held ? 'ok  ' : 'FAIL'} ${p.phase}: ${c.what}`));
  return [...table, '', ...checks].join('\n');
}
