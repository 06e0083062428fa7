import type { DashboardLoadFigures } from './cache-figures';
import { dashboardConnections, dashboardLatencyMs, type CacheResults } from './cache-scenarios';
import { hotDashboardId } from './cache-operations';
import type { LatencySummary } from './latency-stats';
import { num, table } from './report';

function dashboardRow(d: DashboardLoadFigures): string[] {
  return [
    d.variant,
    d.resultTtlS === 0 ? '0 (off)' : String(d.resultTtlS),
    num(d.seconds),
    String(d.views),
    String(d.queryRuns),
    num(d.runsPer1000Views, 1),
    num(d.latency.p50),
    num(d.latency.p99),
    num(d.requestsPerSecond, 0),
    num(d.cpuMsPerView, 2),
    String(d.lookerCalls),
    String(d.failures),
  ];
}

/** The printed report of scenario C: three small tables and the targets. */
export function formatCacheReport(results: CacheResults): string {
  const { figures, options } = results;
  const out: string[] = [`Scenario C: caches  ${results.startedAt}`, ''];
  out.push(
    `C(a) dashboard ${hotDashboardId}, every tile's result, ${dashboardConnections} connections, Looker at ${dashboardLatencyMs} ms, ${options.durationS} s per variant;` +
      ` ${figures.distinctTileQueries} distinct tile queries (one view on a flushed cache)`,
    table(
      [
        'variant',
        'result TTL s',
        'seconds',
        'views',
        'query runs',
        'runs/1000 views',
        'p50 ms',
        'p99 ms',
        'req/s',
        'CPU ms/view',
        'Looker calls',
        'fails',
      ],
      figures.dashboard.map(dashboardRow),
      1,
    ),
  );
  const e = figures.explore;
  if (e) {
    out.push(
      '',
      `C(b) explore ecommerce::order_items fields, one request at a time; Looker calls: ${num(e.coldLookerCallsPerRequest, 1)} per cold request, ${e.warmLookerCalls} for all warm ones`,
      table(
        ['case', 'Looker ms', 'requests', 'p50 ms', 'p99 ms', 'max ms'],
        (
          [
            ['cold (after a flush)', e.latencyMs, e.cold],
            ['warm', e.latencyMs, e.warm],
            ['warm', 0, e.warmAtZero],
            ['cache off', 0, e.uncachedAtZero],
          ] as const
        ).map(([label, ms, s]: readonly [string, number, LatencySummary]) => [
          label,
          String(ms),
          String(s.samples),
          num(s.p50, 2),
          num(s.p99, 2),
          num(s.max, 2),
        ]),
        1,
      ),
    );
  }
  const r = figures.redis;
  if (r) {
    const cost = r.costPerHit;
    out.push(
      '',
      `C(c) replica B reads ${r.keys} looks replica A fetched (one look per request), ${r.rounds} rounds; A made ${num(r.lookerCallsToWarm, 0)} Looker calls per round to fetch them, B ${r.lookerCallsOnB} in all;` +
        ` keys Redis found: ${r.redisKeyHits.first} during B's first reads, ${r.redisKeyHits.again} during its second`,
      table(
        ['read on B', 'requests', 'p50 ms', 'mean ms'],
        [
          [
            'first: Redis hit',
            String(r.secondLevel.samples),
            num(r.secondLevel.p50Ms, 2),
            num(r.secondLevel.meanMs, 2),
          ],
          ['again: memory hit', String(r.firstLevel.samples), num(r.firstLevel.p50Ms, 2), num(r.firstLevel.meanMs, 2)],
          ['Redis cost per hit (paired)', '', num(cost.p50Ms, 2), num(cost.meanMs, 2)],
        ],
        1,
      ),
    );
  }
  const m = figures.redisMemory;
  if (m) {
    out.push(
      '',
      `C(e) Redis memory per cached result: replica A caches ${m.shapes[0]?.results ?? 0} distinct results of each shape on a flushed cache (INFO memory's used_memory before and after)`,
      table(
        [
          'shape',
          'rows (mean)',
          'columns',
          'keys added',
          'bytes per result',
          'MEMORY USAGE per key',
          'MB per 1,000 results',
        ],
        m.shapes.map((x) => [
          x.name,
          num(x.meanRows, 1),
          String(x.columns),
          String(x.keysAdded),
          num(x.bytesPerResult, 0),
          num(x.meanKeyUsage, 0),
          num((x.bytesPerResult * 1000) / 1_000_000, 2),
        ]),
        1,
      ),
    );
  }
  const l = figures.limits;
  if (l) {
    out.push(
      '',
      `C(d) one look per request, caches off, Looker at 0 ms, ${l.rounds} rounds; ${num(l.lookerCallsPerRequest, 1)} Looker call per request;` +
        ` with the limits in Redis, ${num(l.redisCommandsPerLookerCall, 1)} commands ran in Redis per Looker call (INFO stats, script steps included)`,
      table(
        ["a caller's rate and slots", 'requests', 'p50 ms', 'mean ms'],
        [
          ['counted in memory (one replica)', String(l.local.samples), num(l.local.p50Ms, 2), num(l.local.meanMs, 2)],
          [
            'counted in Redis (all replicas)',
            String(l.shared.samples),
            num(l.shared.p50Ms, 2),
            num(l.shared.meanMs, 2),
          ],
          ['Redis cost per request (paired)', '', num(l.costPerRequest.p50Ms, 2), num(l.costPerRequest.meanMs, 2)],
        ],
        1,
      ),
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
  for (const d of figures.dashboard.filter((x) => x.failures > 0))
    out.push(`! C(a) ${d.variant}: ${d.failures} failures (${d.firstFailure ?? 'no detail'})`);
  return out.join('\n');
}
