import {
  evaluateCacheTargets,
  isQueryRun,
  keyspaceHits,
  pairedCost,
  passFigures,
  perThousand,
  queryRunCount,
  runsBound,
  statsCounter,
  type CacheFigures,
  type DashboardLoadFigures,
  type ExploreFigures,
  type RedisHitFigures,
} from '../../../bench/cache-figures';
import { summarizeLatencies } from '../../../bench/latency-stats';

const latency = (p50: number) => summarizeLatencies([p50]);

function dashboardRun(overrides: Partial<DashboardLoadFigures>): DashboardLoadFigures {
  return {
    variant: 'cache on',
    resultTtlS: 5,
    connections: 50,
    seconds: 10,
    views: 2000,
    completed: 2000,
    failures: 0,
    queryRuns: 15,
    lookerCalls: 16,
    runsPer1000Views: 7.5,
    requestsPerSecond: 200,
    latency: latency(20),
    ...overrides,
  };
}

const explore = (warm: number, warmAtZero: number): ExploreFigures => ({
  latencyMs: 1000,
  cold: latency(1010),
  coldLookerCallsPerRequest: 1,
  warm: latency(warm),
  warmLookerCalls: 0,
  warmAtZero: latency(warmAtZero),
  uncachedAtZero: latency(9),
});

const redis = (lookerCallsOnB: number, redisKeyHits = { first: 280, again: 0 }): RedisHitFigures => ({
  keys: 56,
  rounds: 5,
  secondLevel: { p50Ms: 2.2, meanMs: 2.4, samples: 280 },
  firstLevel: { p50Ms: 1.9, meanMs: 2.0, samples: 280 },
  costPerHit: { p50Ms: 0.25, meanMs: 0.4 },
  redisKeyHits,
  lookerCallsToWarm: 56,
  lookerCallsOnB,
});

function figures(overrides: Partial<CacheFigures>): CacheFigures {
  return {
    distinctTileQueries: 5,
    dashboard: [dashboardRun({ variant: 'cache off', resultTtlS: 0, runsPer1000Views: 5000 }), dashboardRun({})],
    ...overrides,
  };
}

const verdicts = (f: CacheFigures) => evaluateCacheTargets(f).map((t) => t.verdict);

describe('counting query runs', () => {
  it('counts saved, inline and look runs and query tasks, nothing else', () => {
    const byRoute = {
      'GET /api/4.0/queries/:query_id/run/:result_format': 4,
      'POST /api/4.0/queries/run/:result_format': 2,
      'GET /api/4.0/looks/:look_id/run/:result_format': 1,
      'POST /api/4.0/query_tasks': 3,
      'GET /api/4.0/query_tasks/multi_results': 9,
      'GET /api/4.0/dashboards/search': 7,
      'POST /api/4.0/login': 1,
    };
    expect(queryRunCount(byRoute)).toBe(10);
    expect(isQueryRun('GET /api/4.0/query_tasks/:query_task_id')).toBe(false);
    expect(queryRunCount({})).toBe(0);
  });

  it('scales to 1,000 views', () => {
    expect(perThousand(10, 2000)).toBe(5);
    expect(perThousand(670, 134)).toBe(5000);
    expect(perThousand(3, 0)).toBeNaN();
  });
});

describe('the runs bound of target (a)', () => {
  it('is each distinct query once, plus once per TTL elapsed', () => {
    expect(runsBound(5, 10, 5)).toBe(15);
    expect(runsBound(5, 10, 60)).toBeCloseTo(5 * (10 / 60 + 1));
  });

  it('is unbounded with the result cache off', () => {
    expect(runsBound(5, 10, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("Redis's keyspace hits", () => {
  it('are read from INFO stats', () => {
    expect(keyspaceHits('# Stats\r\ntotal_connections_received:3\r\nkeyspace_hits:42\r\nkeyspace_misses:7\r\n')).toBe(
      42,
    );
    expect(() => keyspaceHits('# Stats\r\n')).toThrow(/keyspace_hits/);
  });

  it('and any other counter by its name, never by a longer name that ends with it', () => {
    const info = '# Stats\r\ntotal_commands_processed:1234\r\nexpired_keys:5\r\nkeys:9\r\n';
    expect(statsCounter(info, 'total_commands_processed')).toBe(1234);
    expect(statsCounter(info, 'keys')).toBe(9);
    expect(() => statsCounter(info, 'commands_processed')).toThrow(/commands_processed/);
  });
});

describe('a pass of reads', () => {
  it('has the nearest-rank p50 and the mean of its samples', () => {
    expect(passFigures([4, 1, 3, 2])).toEqual({ p50Ms: 2, meanMs: 2.5, samples: 4 });
  });
});

describe('paired Redis cost', () => {
  it('takes the median and mean of per-key differences', () => {
    expect(pairedCost([3, 2.5, 10, 2], [2, 2, 2, 1.5])).toEqual({ p50Ms: 0.5, meanMs: 2.5 });
  });

  it('refuses unpaired reads and has no figure without reads', () => {
    expect(() => pairedCost([1, 2], [1])).toThrow(/paired reads/);
    const none = pairedCost([], []);
    expect(none.p50Ms).toBeNaN();
    expect(none.meanMs).toBeNaN();
  });
});

describe('the cache targets', () => {
  it('pass when runs stay under the bound, warm latency matches 0 ms and B calls nothing', () => {
    expect(verdicts(figures({ explore: explore(2.6, 2.5), redis: redis(0) }))).toEqual(['PASS', 'PASS', 'PASS']);
  });

  it('miss (a) above the bound, or when views failed', () => {
    expect(verdicts(figures({ dashboard: [dashboardRun({ runsPer1000Views: 15.2 })] }))[0]).toBe('MISS');
    expect(verdicts(figures({ dashboard: [dashboardRun({ failures: 1 })] }))[0]).toBe('MISS');
    expect(verdicts(figures({ dashboard: [dashboardRun({ runsPer1000Views: 15 })] }))[0]).toBe('PASS');
  });

  it('miss (b) when the warm p50 is more than 2 ms from the 0 ms one, either way', () => {
    expect(verdicts(figures({ explore: explore(4.6, 2.5) }))[1]).toBe('MISS');
    expect(verdicts(figures({ explore: explore(2.5, 4.6) }))[1]).toBe('MISS');
    expect(verdicts(figures({ explore: explore(4.5, 2.5) }))[1]).toBe('PASS');
  });

  it('miss (c) when replica B called Looker, or Redis did not answer its first reads, or answered its second', () => {
    expect(verdicts(figures({ redis: redis(1) }))[2]).toBe('MISS');
    expect(verdicts(figures({ redis: redis(0, { first: 279, again: 0 }) }))[2]).toBe('MISS');
    expect(verdicts(figures({ redis: redis(0, { first: 280, again: 1 }) }))[2]).toBe('MISS');
  });

  it('say N/A for what was not run', () => {
    expect(verdicts({ distinctTileQueries: 5, dashboard: [] })).toEqual(['N/A', 'N/A', 'N/A']);
  });
});
