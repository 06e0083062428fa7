/**
 * `npm run bench`: starts the Looker emulator and the subgraph as separate processes, an OIDC
 * issuer in this process, drives each scenario with autocannon, compares with the subgraph without
 * batching and with a direct `@looker/sdk-node` client (the floor), prints a table and writes
 * `bench/results/<timestamp>.json` and `latest.json`. See bench/README.md.
 */
import { availableParallelism, cpus } from 'node:os';
import { demoAudience } from '../src/config';
import { Floor } from './floor';
import { startBenchIssuer, type BenchIssuer } from './issuer';
import { drivenFloor, drivenSubgraph, measure, type Driven, type RunRecord } from './measure';
import { runCacheBench } from './cache-bench';
import { parseOptions, usage, type BenchOptions } from './options';
import { runProfile } from './profile-run';
import { formatReport, zeroLatencyFigures, type BenchResults } from './report';
import { drivenMesh, lookerSpecPath, meshAvailable, startMeshProcess } from './mesh';
import {
  lookerCredentials,
  measuredSubgraphEnv,
  startEmulatorProcess,
  startSubgraphProcess,
  type EmulatorProcess,
  type SubgraphProcess,
} from './stack';
import { scenarioById } from './scenarios';
import type { StopList } from './stoppers';
import { runCommand, writeResultFiles } from './command-line';
import { evaluateTargets } from './targets';

/** Progress goes to stderr so stdout holds only the report. */
function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

async function benchmark(options: BenchOptions, stack: StopList): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const issuer: BenchIssuer = await startBenchIssuer(demoAudience);
  stack.add(() => issuer.close());
  progress(`starting the emulator (latency ${options.latencyMs} ms, scale ${options.scale})`);
  const emulator: EmulatorProcess = await startEmulatorProcess(options);
  stack.add(() => emulator.child.stop());
  progress('starting the subgraph and the subgraph with LOADER_BATCHING=false');
  const env = measuredSubgraphEnv;
  const [batched, unbatched]: SubgraphProcess[] = await Promise.all([
    startSubgraphProcess({ name: 'subgraph', emulatorUrl: emulator.url, issuer, batching: true, env }),
    startSubgraphProcess({ name: 'subgraph-unbatched', emulatorUrl: emulator.url, issuer, batching: false, env }),
  ]);
  stack.add(() => (batched as SubgraphProcess).child.stop());
  stack.add(() => (unbatched as SubgraphProcess).child.stop());
  const floor = await Floor.start(emulator.url, lookerCredentials.clientId, lookerCredentials.clientSecret);
  stack.add(() => floor.stop());
  const token = await issuer.token('demo-admin');
  const driven: Driven[] = [
    drivenSubgraph('subgraph', (batched as SubgraphProcess).child.pid, (batched as SubgraphProcess).graphqlUrl, token),
    drivenSubgraph(
      'unbatched',
      (unbatched as SubgraphProcess).child.pid,
      (unbatched as SubgraphProcess).graphqlUrl,
      token,
    ),
    drivenFloor(floor),
  ];
  const [subgraph, , floorDriven] = driven as [Driven, Driven, Driven];
  // The Mesh baseline serves scenario 1 only; it needs Looker's OpenAPI spec.
  let mesh: Driven | undefined;
  if (options.scenarios.includes('1')) {
    if (meshAvailable()) {
      progress(`starting GraphQL Mesh over ${lookerSpecPath}`);
      const meshProcess = await startMeshProcess(emulator.url);
      stack.add(() => meshProcess.stop());
      mesh = drivenMesh(meshProcess, token);
    } else {
      progress(`no Mesh baseline: ${lookerSpecPath} is missing (set LOOKER_OPENAPI_SPEC)`);
    }
  }

  // Check every operation's answer first: no figure is reported for a broken operation.
  const answers: Record<string, string> = {};
  for (const id of options.scenarios) {
    for (const d of driven) answers[`${id} ${d.variant}`] = await d.check(id);
    progress(`scenario ${id} (${scenarioById(id).name}): ${answers[`${id} subgraph`]}`);
  }
  if (mesh) answers['1 mesh'] = await mesh.check('1');

  const runs: RunRecord[] = [];
  const control = emulator.control;
  const load = {
    kind: 'load' as const,
    connections: options.connections,
    durationS: options.durationS,
    warmupS: options.warmupS,
  };
  for (const id of options.scenarios) {
    for (const d of driven) {
      runs.push(
        await measure(d, control, id, 'single', options.latencyMs, {
          kind: 'sequential',
          count: options.probeRequests,
        }),
      );
    }
  }
  for (const id of options.scenarios) {
    for (const d of driven) {
      progress(`scenario ${id} ${d.variant}: ${options.connections} connections, ${options.durationS} s`);
      runs.push(await measure(d, control, id, 'main', options.latencyMs, load));
    }
  }

  if (options.scenarios.includes('1')) {
    progress('scenario 1 at 0 ms injected latency');
    await control.setLatency(0);
    for (const connections of [options.connections, 1]) {
      for (const d of mesh ? [subgraph, mesh, floorDriven] : [subgraph, floorDriven]) {
        runs.push(await measure(d, control, '1', 'zero-latency', 0, { ...load, connections }));
      }
    }
    await control.setLatency(options.latencyMs);
  }
  if (options.scenarios.includes('3')) {
    // A fresh process, so the peak is this load's and not the heap left over from earlier scenarios.
    progress(`scenario 3: ${options.rssConnections} requests at once (peak RSS, fresh subgraph process)`);
    const fresh = await startSubgraphProcess({
      name: 'subgraph-rss',
      emulatorUrl: emulator.url,
      issuer,
      batching: true,
      env,
    });
    stack.add(() => fresh.child.stop());
    const rssDriven = drivenSubgraph('subgraph', fresh.child.pid, fresh.graphqlUrl, token);
    // Every connection sends one request at once: the subgraph holds them all in flight together.
    runs.push(
      await measure(rssDriven, control, '3', 'rss', options.latencyMs, {
        kind: 'burst',
        connections: options.rssConnections,
        rounds: 1,
        warmupCount: 3,
      }),
    );
    await fresh.child.stop();
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { nproc: availableParallelism(), node: process.version, cpu },
    options,
    answers,
    runs,
    ...(options.scenarios.includes('1') ? { zeroLatency: zeroLatencyFigures(runs, options.connections) } : {}),
    targets: evaluateTargets(runs, options.latencyMs, options.rssConnections),
  };
}

runCommand('bench', usage, parseOptions, async (options, stack) => {
  if (options.profile) {
    process.stdout.write(`${await runProfile(options, stack, progress)}\n`);
    return;
  }
  if (options.scenarios.length > 0) {
    const results = await benchmark(options, stack);
    const file = writeResultFiles(options.resultsDir, '', results);
    process.stdout.write(`${formatReport(results)}\n\nresults: ${file} (and latest.json)\n`);
    // Idle, the first scenarios' processes would still share the cores with scenario C's.
    await stack.stopAll();
  }
  if (options.cacheScenarios) process.stdout.write(`\n${await runCacheBench(options, stack, progress)}\n`);
});
