import { summarizeLatencies, type LatencySummary } from './latency-stats';
import type { TargetResult } from './targets';

/** Emulator routes that run a query: saved and inline runs, look runs (`…/run/…`), and query tasks. */
export function isQueryRun(route: string): boolean {
  return route.includes('/run/') || /^POST \S*\/query_tasks$/.test(route);
}

/** Query runs among the emulator's per-route counters. */
export function queryRunCount(byRoute: Readonly<Record<string, number>>): number {
  return Object.entries(byRoute)
    .filter(([route]) => isQueryRun(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

/** `count` per 1,000 `views` (NaN when nothing was viewed). */
export function perThousand(count: number, views: number): number {
  return views === 0 ? Number.NaN : (count * 1000) / views;
}

/**
 * The most query runs a dashboard may cost over a run: each distinct tile query once at the start
 * and once more each time the result TTL runs out, `distinct × (seconds ÷ TTL + 1)`.
 */
export function runsBound(distinctQueries: number, benchSeconds: number, resultTtlS: number): number {
  if (resultTtlS <= 0) return Number.POSITIVE_INFINITY;
  return distinctQueries * (benchSeconds / resultTtlS + 1);
}

/** Arithmetic mean (NaN for no samples). */
export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** One load run of the hot dashboard: many views over a while, from one subgraph. */
export interface DashboardLoadFigures {
  readonly variant: 'cache off' | 'cache on';
  /** `CACHE_RESULT_TTL` of the subgraph (0: off). */
  readonly resultTtlS: number;
  readonly connections: number;
  /** Seconds from the first request to the last answer. */
  readonly seconds: number;
  /** Views sent (those unanswered when the run ended included: the subgraph served them too). */
  readonly views: number;
  readonly completed: number;
  readonly failures: number;
  readonly firstFailure?: string;
  /** Query runs the emulator counted. */
  readonly queryRuns: number;
  /** Every Looker API call the emulator counted. */
  readonly lookerCalls: number;
  readonly runsPer1000Views: number;
  readonly requestsPerSecond: number;
  readonly latency: LatencySummary;
  /** Subgraph CPU time per view, ms. */
  readonly cpuMsPerView?: number;
}

/** Explore metadata right after a flush, warm, and warm with Looker at 0 ms. */
export interface ExploreFigures {
  readonly latencyMs: number;
  /** Each sample right after an operator flush. */
  readonly cold: LatencySummary;
  /** Looker calls per cold request. */
  readonly coldLookerCallsPerRequest: number;
  /** Repeated requests once cached. */
  readonly warm: LatencySummary;
  /** Looker calls the warm requests made (all of them together). */
  readonly warmLookerCalls: number;
  /** The same warm requests with the emulator at 0 ms. */
  readonly warmAtZero: LatencySummary;
  /** The same operation on the cache-off subgraph with the emulator at 0 ms (every request calls Looker). */
  readonly uncachedAtZero: LatencySummary;
}

/** Latencies of one pass over the keys, per request (one key each). */
export interface PassFigures {
  readonly p50Ms: number;
  readonly meanMs: number;
  readonly samples: number;
}

/** What a second-level (Redis) hit costs against a first-level (memory) one, on replica B. */
export interface RedisHitFigures {
  /** Distinct keys warmed on replica A per round. */
  readonly keys: number;
  /** Measured rounds (a first unmeasured round warms code paths and connections). */
  readonly rounds: number;
  /** B's first read of each key: a miss in its memory, a hit in Redis. */
  readonly secondLevel: PassFigures;
  /** B's second read: a hit in its memory. */
  readonly firstLevel: PassFigures;
  /** Per key, its first read minus its second, taken one right after the other (so both see the same machine): p50 and mean, ms. */
  readonly costPerHit: { readonly p50Ms: number; readonly meanMs: number };
  /** Keys Redis found (`keyspace_hits`) during B's first reads and during its second, all rounds. */
  readonly redisKeyHits: { readonly first: number; readonly again: number };
  /** Looker calls A made to warm the keys, per round. */
  readonly lookerCallsToWarm: number;
  /** Looker calls B made over all measured rounds (no key should reach Looker). */
  readonly lookerCallsOnB: number;
}

/**
 * What sharing a caller's limits through Redis costs a Looker call: the same operation, one Looker
 * call each, on a replica counting its callers' rate and slots in Redis and on one counting them
 * in memory, read in pairs.
 */
export interface SharedLimitFigures {
  /** Measured rounds (a first unmeasured round warms code paths and connections). */
  readonly rounds: number;
  /** Operations per replica over all measured rounds. */
  readonly requests: number;
  /** Looker calls per operation (the same on both replicas). */
  readonly lookerCallsPerRequest: number;
  /** Limits counted in memory (no REDIS_URL). */
  readonly local: PassFigures;
  /** Limits counted in Redis. */
  readonly shared: PassFigures;
  /** Per operation, its time with the limits in Redis minus without, taken one right after the other: p50 and mean, ms. */
  readonly costPerRequest: { readonly p50Ms: number; readonly meanMs: number };
  /** Redis commands per Looker call on the shared replica (`total_commands_processed`). */
  readonly redisCommandsPerLookerCall: number;
}

/** p50 (nearest rank) and mean of raw latencies, ms. */
export function passFigures(samplesMs: readonly number[]): PassFigures {
  return { p50Ms: summarizeLatencies(samplesMs).p50, meanMs: mean(samplesMs), samples: samplesMs.length };
}

/**
 * Redis's cost per hit from paired reads: `first[i]` (a Redis hit) and `again[i]` (a memory hit)
 * read the same key one right after the other; the median of their differences resists the
 * machine's drift better than a difference of two medians. Ms; NaN without pairs.
 */
export function pairedCost(first: readonly number[], again: readonly number[]): { p50Ms: number; meanMs: number } {
  if (first.length !== again.length)
    throw new Error(`paired reads: ${first.length} first reads, ${again.length} second reads`);
  const differences = first.map((t, i) => t - (again[i] as number)).sort((x, y) => x - y);
  const median = differences.length === 0 ? Number.NaN : (differences[Math.ceil(differences.length / 2) - 1] as number);
  return { p50Ms: median, meanMs: mean(differences) };
}

/** A counter from the text of Redis's `INFO stats` (e.g. `keyspace_hits`). */
export function statsCounter(info: string, name: string): number {
  const found = new RegExp(`^${name}:(\\d+)\\r?$`, 'm').exec(info);
  if (!found) throw new Error(`INFO stats has no ${name}`);
  return Number(found[1]);
}

/** `keyspace_hits` from the text of Redis's `INFO stats`. */
export function keyspaceHits(info: string): number {
  return statsCounter(info, 'keyspace_hits');
}

/** What one shape of result costs Redis, measured over many cached results of that shape. */
export interface RedisMemoryShape {
  readonly name: string;
  /** Distinct results cached (each its own query). */
  readonly results: number;
  /** Rows per result, mean. */
  readonly meanRows: number;
  /** Columns per result. */
  readonly columns: number;
  /** Keys Redis gained (`DBSIZE`): one per result, plus the metadata they needed. */
  readonly keysAdded: number;
  /** `used_memory` gained, per result, bytes. */
  readonly bytesPerResult: number;
  /** `MEMORY USAGE` of the result keys, mean over a sample, bytes. */
  readonly meanKeyUsage: number;
}

/** Redis memory per cached result, by shape: `INFO memory`'s `used_memory` before and after caching them. */
export interface RedisMemoryFigures {
  readonly shapes: readonly RedisMemoryShape[];
}

/** `used_memory` of an `INFO memory` answer, bytes. */
export function usedMemory(info: string): number {
  const match = /^used_memory:(\d+)/m.exec(info);
  return match ? Number(match[1]) : Number.NaN;
}

/** Everything the cache scenarios measured. */
export interface CacheFigures {
  /** Distinct tile queries of the dashboard: query runs of one view on a flushed cache. */
  readonly distinctTileQueries: number;
  readonly dashboard: readonly DashboardLoadFigures[];
  readonly explore?: ExploreFigures;
  readonly redis?: RedisHitFigures;
  readonly redisMemory?: RedisMemoryFigures;
  readonly limits?: SharedLimitFigures;
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const verdict = (pass: boolean): 'PASS' | 'MISS' => (pass ? 'PASS' : 'MISS');

/** Largest gap allowed between the warm p50 at Looker's latency and at 0 ms, ms. */
export const warmGapLimitMs = 2;

/**
 * The targets of the cache scenarios: (a) runs per 1,000 views ≤ distinct × (seconds ÷ TTL + 1),
 * with the cache on; (b) warm p50 within 2 ms of the same at 0 ms; (c) no Looker call from the
 * replica that reads what the other fetched.
 */
export function evaluateCacheTargets(figures: CacheFigures): TargetResult[] {
  const results: TargetResult[] = [];
  const on = figures.dashboard.find((d) => d.variant === 'cache on');
  const nameA = 'C(a) cache on: runs per 1,000 views <= distinct x (s / TTL + 1)';
  if (on) {
    const bound = runsBound(figures.distinctTileQueries, on.seconds, on.resultTtlS);
    results.push({
      name: nameA,
      measured: `${fmt(on.runsPer1000Views)} <= ${figures.distinctTileQueries} x (${fmt(on.seconds)} / ${on.resultTtlS} + 1) = ${fmt(bound)} (${on.queryRuns} runs for ${on.views} views)`,
      verdict: verdict(on.runsPer1000Views <= bound && on.failures === 0),
    });
  } else {
    results.push({ name: nameA, measured: 'not run', verdict: 'N/A' });
  }
  const nameB = `C(b) warm explore p50 within ${warmGapLimitMs} ms of the same at 0 ms`;
  if (figures.explore) {
    const { warm, warmAtZero, latencyMs } = figures.explore;
    const gap = warm.p50 - warmAtZero.p50;
    results.push({
      name: nameB,
      measured: `${fmt(warm.p50, 2)} ms at ${latencyMs} ms vs ${fmt(warmAtZero.p50, 2)} ms at 0 ms: ${gap >= 0 ? '+' : ''}${fmt(gap, 2)} ms`,
      verdict: verdict(Math.abs(gap) <= warmGapLimitMs),
    });
  } else {
    results.push({ name: nameB, measured: 'not run', verdict: 'N/A' });
  }
  const nameC = 'C(c) replica B reads what A fetched from Redis: 0 Looker calls';
  if (figures.redis) {
    const cost = figures.redis.costPerHit;
    results.push({
      name: nameC,
      measured: `${figures.redis.lookerCallsOnB} calls for ${figures.redis.keys * figures.redis.rounds * 2} reads, Redis key hits ${figures.redis.redisKeyHits.first} then ${figures.redis.redisKeyHits.again}; Redis hit costs ${fmt(cost.p50Ms, 2)} ms (p50), ${fmt(cost.meanMs, 2)} ms (mean) more than a memory hit`,
      // B's first reads must come from Redis (one hit per key at least), its second from memory.
      verdict: verdict(
        figures.redis.lookerCallsOnB === 0 &&
          figures.redis.redisKeyHits.first >= figures.redis.keys * figures.redis.rounds &&
          figures.redis.redisKeyHits.again === 0,
      ),
    });
  } else {
    results.push({ name: nameC, measured: 'not run', verdict: 'N/A' });
  }
  return results;
}
