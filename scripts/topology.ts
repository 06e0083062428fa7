/**
 * `npm run topology`: the production topology on this machine — the Looker emulator (with latency),
 * `redis-server`, three subgraph replicas compiled and run as `npm run serve` runs them, HAProxy in
 * front of them (health checks on `/readyz`), and Hive Gateway in front of HAProxy — driven by a
 * bounded mixed load through the gateway, phase after phase: steady state, a rolling restart, a
 * replica SIGKILLed, Redis restarted, Looker failing, and Looker calls with three replicas against
 * one. Prints a table per phase; the last line is `topology: PASS` or `topology: FAIL <phases>`.
 * Everything it starts is stopped on exit (Ctrl-C too). See bench/README.md.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { demoAudience } from '../src/config';
import { loadTypeDefs } from '../src/graphql/schema';
import { printSubgraphSdl } from '../src/graphql/schema-print';
import { toolPath } from '../test/support/redis-availability';
import { runCommand } from '../bench/command-line';
import { startBenchIssuer } from '../bench/issuer';
import { lookerCredentials, startEmulatorProcess } from '../bench/stack';
import { haproxyDefaultChecks } from '../bench/topology/haproxy-config';
import { formatPhaseTable, type PhaseFigures } from '../bench/topology/phase-figures';
import { parseTopologyOptions, topologyUsage } from '../bench/topology/topology-options';
import { topologyCallers, topologyMix } from '../bench/topology/topology-mix';
import {
  faultPhase,
  killPhase,
  redisRestartPhase,
  rollingRestartPhase,
  sharingPhases,
  steadyPhase,
  type PhaseContext,
} from '../bench/topology/topology-phases';
import { startTopology } from '../bench/topology/topology-stack';
import { startHiveGateway } from './hive-gateway';

/** Progress goes to stderr so stdout holds only the table. */
function progress(line: string): void {
  process.stderr.write(`[topology] ${line}\n`);
}

/** The supergraph of the one Looker subgraph, reached at `url` (HAProxy), composed as a registry would. */
function supergraphOf(url: string): string {
  const composed = composeServices([{ name: 'looker', typeDefs: parse(printSubgraphSdl(loadTypeDefs())), url }]);
  if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  return composed.supergraphSdl;
}

runCommand('topology', topologyUsage, parseTopologyOptions, async (options, stack) => {
  const haproxyBinary = toolPath('haproxy');
  if (haproxyBinary === undefined) throw new Error('haproxy is not installed (apt-get install haproxy)');
  const callers = topologyCallers(options.callers);
  const issuer = await startBenchIssuer(demoAudience, callers);
  stack.add(() => issuer.close());
  progress(`starting the emulator (latency ${options.latencyMs} ms)`);
  const emulator = await startEmulatorProcess({ latencyMs: options.latencyMs, scale: 1, seed: 42 });
  stack.add(() => emulator.child.stop());
  progress(`starting redis-server, 3 replicas (${options.fromSources ? 'tsx' : 'compiled'}, production) and HAProxy`);
  const topology = await startTopology(
    {
      replicas: 3,
      runAs: options.fromSources ? 'tsx' : 'compiled',
      looker: { url: emulator.url, ...lookerCredentials },
      issuer,
      haproxyBinary,
      checks: haproxyDefaultChecks,
    },
    stack,
  );
  const gateway = await startHiveGateway({
    supergraphSdl: supergraphOf(`${topology.haproxy.url}/graphql`),
    port: 0,
    host: '127.0.0.1',
    exportsOrigin: topology.haproxy.url,
  });
  stack.add(() => gateway.stop());
  const tokens = await Promise.all(callers.map((c) => issuer.token(c.clientId)));
  const context: PhaseContext = {
    topology,
    emulator: emulator.control,
    load: {
      ratePerSecond: options.rate,
      minDurationMs: options.durationS * 1000,
      maxInFlight: 400,
      requestTimeoutMs: 60_000,
      mix: topologyMix,
      endpoint: { graphqlUrl: gateway.graphqlUrl, origin: gateway.url },
      tokens,
    },
    // The replicas' default drain (10 s) and grace (10 s), and a margin.
    terminatePatienceMs: 30_000,
    progress,
  };
  progress(`${options.rate} requests/s from ${options.callers} callers, ${options.durationS} s per phase`);
  const phases: PhaseFigures[] = [];
  for (const phase of [steadyPhase, rollingRestartPhase, killPhase, redisRestartPhase, faultPhase]) {
    phases.push(await phase(context));
    process.stderr.write(`${formatPhaseTable(phases.slice(-1))}\n`);
  }
  phases.push(...(await sharingPhases(context)));
  const failed = phases.filter((p) => p.checks.some((c) => !c.held)).map((p) => p.phase);
  process.stdout.write(
    [
      `npm run topology -- --duration ${options.durationS} --rate ${options.rate}: gateway → HAProxy → 3 replicas → emulator (${options.latencyMs} ms), Redis shared`,
      '',
      formatPhaseTable(phases),
      '',
      failed.length === 0 ? 'topology: PASS' : `topology: FAIL ${failed.join(', ')}`,
    ].join('\n') + '\n',
  );
  if (failed.length > 0) process.exitCode = 1;
});
