import type { CallOutcome } from './graphql-call';
import { summarizeLatencies, type LatencySummary } from './latency-stats';

/** The figures of one class of requests (an operation, or a caller). */
export interface ClassFigures {
  readonly name: string;
  /** Requests that ended (answered or failed). */
  readonly requests: number;
  /** Answered 2xx with data and no errors. */
  readonly ok: number;
  /** Latency over every request that got an HTTP answer, errors included (nearest rank). */
  readonly latency: LatencySummary;
  /** Latency over the `ok` answers only. */
  readonly okLatency: LatencySummary;
}

/** Everything a tally counted. */
export interface TallyFigures {
  readonly requests: number;
  readonly ok: number;
  readonly classes: readonly ClassFigures[];
  /** Requests per GraphQL error code (a request with two codes counts under both). */
  readonly errorCodes: Readonly<Record<string, number>>;
  /** Requests per HTTP status, plus `timeout`, `aborted` and `transport` for those without an answer. */
  readonly statuses: Readonly<Record<string, number>>;
}

interface ClassSamples {
  requests: number;
  ok: number;
  answered: number[];
  okOnly: number[];
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function sortedRecord(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

/** Counts request outcomes per class: latencies, successes, error codes and HTTP statuses. */
export class OutcomeTally {
  private readonly classes = new Map<string, ClassSamples>();
  private readonly codes = new Map<string, number>();
  private readonly statuses = new Map<string, number>();

  /** Records one ended request under `className` (classes are reported in first-seen order). */
  add(className: string, outcome: CallOutcome): void {
    let samples = this.classes.get(className);
    if (samples === undefined) {
      samples = { requests: 0, ok: 0, answered: [], okOnly: [] };
      this.classes.set(className, samples);
    }
    samples.requests += 1;
    if (outcome.status !== null) samples.answered.push(outcome.ms);
    if (outcome.ok) {
      samples.ok += 1;
      samples.okOnly.push(outcome.ms);
    }
    for (const code of outcome.codes) increment(this.codes, code);
    increment(this.statuses, outcome.status === null ? (outcome.failure ?? 'transport') : String(outcome.status));
  }

  /** The figures so far. */
  figures(): TallyFigures {
    const classes = [...this.classes].map(([name, s]) => ({
      name,
      requests: s.requests,
      ok: s.ok,
      latency: summarizeLatencies(s.answered),
      okLatency: summarizeLatencies(s.okOnly),
    }));
    return {
      requests: classes.reduce((n, c) => n + c.requests, 0),
      ok: classes.reduce((n, c) => n + c.ok, 0),
      classes,
      errorCodes: sortedRecord(this.codes),
      statuses: sortedRecord(this.statuses),
    };
  }
}
