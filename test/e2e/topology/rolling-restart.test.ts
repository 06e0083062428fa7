// needs: redis-server
// needs: haproxy
/**
 * The rolling restart of `npm run topology`, shorter: three replicas (from the sources) behind a
 * real HAProxy checking `/readyz`, sharing a real redis-server, under a steady load through
 * HAProxy while each replica in turn gets SIGTERM, exits, starts again and is back UP.
 */
import { startEmulator, type RunningEmulator } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import { startBenchIssuer, type BenchIssuer } from '../../../bench/issuer';
import { StopList } from '../../../bench/stoppers';
import { failureKind } from '../../../bench/topology/phase-figures';
import { runPhaseLoad } from '../../../bench/topology/phase-load';
import { topologyCallers, topologyMix } from '../../../bench/topology/topology-mix';
import { rollingRestart, startTopology, type Topology } from '../../../bench/topology/topology-stack';
import { toolPath } from '../../support/redis-availability';
import { createTestEngine, testAudience, testLookerSecret } from '../../support/subgraph-stack';

let engine: Engine;
let emulator: RunningEmulator;
let issuer: BenchIssuer;
let topology: Topology;
const stops = new StopList();
const callers = topologyCallers(4);

beforeAll(async () => {
  engine = await createTestEngine();
  emulator = await startEmulator({ port: 0, engine, clientSecret: testLookerSecret });
  issuer = await startBenchIssuer(testAudience, callers);
  topology = await startTopology(
    {
      replicas: 3,
      runAs: 'tsx',
      looker: { url: emulator.url, clientId: 'looker-admin', clientSecret: testLookerSecret },
      issuer,
      haproxyBinary: toolPath('haproxy') as string,
      // Quicker checks than a deployment's, with a drain longer than they take to notice (2 × 0.5 s).
      checks: { interMs: 500, fall: 2, rise: 1 },
      env: { SHUTDOWN_DRAIN_SECONDS: '2', SHUTDOWN_GRACE_SECONDS: '5' },
    },
    stops,
  );
}, 120_000);

afterAll(async () => {
  await stops.stopAll();
  await issuer?.close();
  await emulator?.stop();
  await engine?.close();
});

test('a rolling restart of three replicas behind HAProxy, under load, fails no request and needs no retry', async () => {
  const tokens = await Promise.all(callers.map((c) => issuer.token(c.clientId)));
  const servedBefore = await topology.haproxy.serverStats();
  const { load, result: exitCodes } = await runPhaseLoad(
    {
      ratePerSecond: 15,
      minDurationMs: 1_000,
      maxInFlight: 200,
      requestTimeoutMs: 30_000,
      mix: topologyMix,
      endpoint: { graphqlUrl: `${topology.haproxy.url}/graphql`, origin: topology.haproxy.url },
      tokens,
    },
    () => rollingRestart(topology, 20_000),
  );

  expect(exitCodes).toEqual([0, 0, 0]);
  expect(load.requests.length).toBeGreaterThan(50);
  expect(load.requests.filter((r) => !r.outcome.ok).map((r) => `${r.operation}: ${failureKind(r)}`)).toEqual([]);
  // Every replica served again once restarted: HAProxy's session counts grew on each.
  const servedAfter = await topology.haproxy.serverStats();
  for (const server of servedAfter)
    expect(server.total).toBeGreaterThan(servedBefore.find((s) => s.name === server.name)?.total ?? 0);
  expect(servedAfter.map((s) => s.status)).toEqual(['UP', 'UP', 'UP']);
  // HAProxy took each replica out (its /readyz at 503) while it still served: no connection to a
  // stopping replica had to be retried or sent elsewhere.
  expect(servedAfter.map((s) => ({ name: s.name, retries: s.retries, redispatches: s.redispatches }))).toEqual(
    servedAfter.map((s) => ({ name: s.name, retries: 0, redispatches: 0 })),
  );
}, 120_000);
