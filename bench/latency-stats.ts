/** Latency percentiles of a run, ms. */
export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly samples: number;
}

/**
 * Nearest-rank percentiles over every sample (no histogram buckets), so the subgraph's figures and
 * the floor's are computed the same way.
 */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => {
    if (sorted.length === 0) return Number.NaN;
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
    return sorted[rank - 1] as number;
  };
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100), samples: sorted.length };
}

/** Outcome of driving one target for a while: throughput, latencies, failures. */
export interface LoadOutcome {
  /** Operations sent, those still unanswered when the run ended included: the target served them all. */
  readonly started: number;
  readonly completed: number;
  /** Requests that failed: transport errors, non-2xx, GraphQL errors in the body. */
  readonly failures: number;
  readonly elapsedMs: number;
  readonly requestsPerSecond: number;
  readonly latency: LatencySummary;
  /** The first failure's description, when there was one. */
  readonly firstFailure?: string;
}
