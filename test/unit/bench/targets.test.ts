import type { RunRecord } from '../../../bench/measure';
import { evaluateTargets } from '../../../bench/targets';

const burst = (failures: number): RunRecord => ({
  phase: 'rss',
  scenario: '3',
  variant: 'subgraph',
  latencyMs: 25,
  connections: 100,
  durationS: 5,
  completed: 100 - failures,
  failures,
  requestsPerSecond: 20,
  p50Ms: 700,
  p95Ms: 1200,
  p99Ms: 1300,
  started: 100,
  lookerCallsPerOp: 11,
  lookerCallsPerOpByRoute: {},
  peakRssMb: 183,
});

const rssTarget = (record: RunRecord) =>
  evaluateTargets([record], 25, 100).find((t) => t.name.startsWith('S3 peak RSS'));

test('a target met by a run whose answers all succeeded passes', () => {
  expect(rssTarget(burst(0))).toMatchObject({ measured: '183.0 MB', verdict: 'PASS' });
});

test('a target measured on failed answers is missed, and says why beside the figure', () => {
  // Refused requests cost little memory: the figure would pass while proving nothing.
  expect(rssTarget(burst(100))).toMatchObject({ measured: '183.0 MB (100 failed answers)', verdict: 'MISS' });
});
