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

/** Describes a failure in one line, whatever was thrown. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'object' ? JSON.stringify(error) : String(error);
}

/**
 * Runs `loops` concurrent loops of `operation`, each waiting for its answer, until `deadline`
 * (a `performance.now()` time) or, with `count`, that many operations per loop; measures each.
 */
export async function measureLoops(
  operation: () => Promise<unknown>,
  loops: number,
  until: { deadline: number } | { count: number },
): Promise<LoadOutcome> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const begin = performance.now();
  const more = (done: number) => ('deadline' in until ? performance.now() < until.deadline : done < until.count);
  const loop = async (): Promise<void> => {
    for (let done = 0; more(done); done += 1) {
      const t0 = performance.now();
      try {
        await operation();
        latencies.push(performance.now() - t0);
      } catch (error) {
        failures += 1;
        firstFailure ??= describeFailure(error);
      }
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  const elapsedMs = performance.now() - begin;
  return {
    started: latencies.length + failures,
    completed: latencies.length,
    failures,
    elapsedMs,
    requestsPerSecond: latencies.length / (elapsedMs / 1000),
    latency: summarizeLatencies(latencies),
    ...(firstFailure === undefined ? {} : { firstFailure }),
  };
}
