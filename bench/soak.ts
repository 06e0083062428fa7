/**
 * `npm run soak`: a bounded soak at a steady mixed rate, clean and with injected Looker faults, and
 * a fairness scenario (one hog, many ordinary callers, then Looker recovering), against the
 * subgraph and the Looker emulator as separate processes. Prints the figures side by side and
 * writes `bench/results/soak-<timestamp>.json` and `soak-latest.json`. See bench/README.md.
 */
import { availableParallelism, cpus } from 'node:os';
import { resolve } from 'node:path';
import { demoAudience } from '../src/config';
import type { EmulatorControl } from './emulator-control';
import { runFairness, type FairnessResult } from './fairness';
import { faultRules } from './fault-mix';
import { callGraphql } from './graphql-call';
import { heapSnapshotFlags, takeHeapSnapshot } from './heap-snapshots';
import { freePort } from './processes';
import { benchCallerClients, startBenchIssuer, type BenchIssuer } from './issuer';
import { parseSoakOptions, soakUsage, type SoakOptions } from './soak-options';
import { soakCallers, soakMix, type SoakCaller } from './soak-mix';
import { formatSoakReport, type SoakResults } from './soak-report';
import { runSoak, type SoakResult } from './soak-run';
import { startEmulatorProcess, startSubgraphProcess, type SubgraphProcess } from './stack';
import type { StopList } from './stoppers';
import { runCommand, writeResultFiles } from './command-line';

/** Progress goes to stderr so stdout holds only the report. */
function progress(line: string): void {
  process.stderr.write(`[soak] ${line}\n`);
}

/** A fresh subgraph process for one part, so each part's memory figures are its own. */
async function freshSubgraph(
  name: string,
  options: SoakOptions,
  emulatorUrl: string,
  issuer: BenchIssuer,
  stack: StopList,
  extra: { readonly env?: Readonly<Record<string, string>>; readonly nodeFlags?: readonly string[] } = {},
): Promise<SubgraphProcess> {
  const subgraph = await startSubgraphProcess({
    name,
    emulatorUrl,
    issuer,
    batching: true,
    env: { ...extra.env, ...options.env },
    nodeFlags: extra.nodeFlags,
  });
  stack.add(() => subgraph.child.stop());
  return subgraph;
}

/** Every operation of the mix, once per caller that sends it: no figure is reported for a broken operation. */
async function checkMix(graphqlUrl: string, tokens: Record<SoakCaller, string>): Promise<void> {
  for (const operation of soakMix) {
    for (const [n, caller] of operation.callers.entries()) {
      const outcome = await callGraphql({ url: graphqlUrl, token: tokens[caller] }, operation.query(n), 60_000);
      if (!outcome.ok)
        throw new Error(
          `"${operation.name}" as ${caller} did not answer cleanly: HTTP ${outcome.status ?? outcome.failure}, ${outcome.codes.join(', ') || 'no data'}`,
        );
    }
  }
}

async function soakRuns(
  options: SoakOptions,
  emulator: { url: string; control: EmulatorControl },
  issuer: BenchIssuer,
  stack: StopList,
): Promise<SoakResult[]> {
  const tokens = Object.fromEntries(
    await Promise.all(soakCallers.map(async (c) => [c, await issuer.token(c)] as const)),
  ) as Record<SoakCaller, string>;
  const runs = [
    { label: 'clean', faults: [] },
    { label: `${Math.round(options.faultRate * 100)}% faults`, faults: faultRules(options.faultRate) },
  ];
  const results: SoakResult[] = [];
  const snapshotDir = resolve(options.resultsDir, `heap-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  for (const run of runs) {
    // Its metrics port, on loopback: the heap gauges are sampled through it.
    const metricsPort = await freePort();
    const subgraph = await freshSubgraph(`subgraph-soak-${results.length + 1}`, options, emulator.url, issuer, stack, {
      env: { METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1' },
      nodeFlags: options.heapSnapshots ? heapSnapshotFlags(snapshotDir) : [],
    });
    const pid = subgraph.child.pid;
    await checkMix(subgraph.graphqlUrl, tokens);
    progress(`soak "${run.label}": ${options.soakMinutes} min at ${options.rate} req/s`);
    results.push(
      await runSoak(
        {
          label: run.label,
          graphqlUrl: subgraph.graphqlUrl,
          subgraphPid: subgraph.child.pid,
          tokens,
          ratePerSecond: options.rate,
          durationMs: options.soakMinutes * 60_000,
          maxInFlight: options.maxInFlight,
          requestTimeoutMs: options.requestTimeoutS * 1000,
          faults: run.faults,
          metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
          ...(options.heapSnapshots
            ? { heapSnapshot: (name: string) => takeHeapSnapshot(pid, snapshotDir, name) }
            : {}),
        },
        emulator.control,
      ),
    );
    await subgraph.child.stop();
  }
  return results;
}

async function fairness(
  options: SoakOptions,
  emulator: { url: string; control: EmulatorControl },
  issuer: BenchIssuer,
  stack: StopList,
): Promise<FairnessResult> {
  const subgraph = await freshSubgraph('subgraph-fairness', options, emulator.url, issuer, stack);
  const ordinaryTokens = await Promise.all(benchCallerClients(options.callers).map((c) => issuer.token(c.clientId)));
  const hogToken = await issuer.token('demo-analyst');
  try {
    return await runFairness(
      {
        graphqlUrl: subgraph.graphqlUrl,
        ordinaryTokens,
        hogToken,
        phaseMs: options.fairnessSeconds * 1000,
        ordinaryIntervalMs: options.callerIntervalMs,
        hogConcurrency: options.hogConcurrency,
        hogIntervalMs: options.hogIntervalMs,
        requestTimeoutMs: options.requestTimeoutS * 1000,
        recoveryCapMs: options.recoveryCapS * 1000,
        hogDrainCapMs: options.hogDrainS * 1000,
      },
      emulator.control,
      progress,
    );
  } finally {
    await subgraph.child.stop();
  }
}

async function soak(options: SoakOptions, stack: StopList): Promise<SoakResults> {
  const startedAt = new Date().toISOString();
  const issuer = await startBenchIssuer(demoAudience, benchCallerClients(options.callers));
  stack.add(() => issuer.close());
  progress(`starting the emulator (latency ${options.latencyMs} ms, scale ${options.scale})`);
  const emulator = await startEmulatorProcess(options);
  stack.add(() => emulator.child.stop());
  const soakResults = options.parts.includes('soak') ? await soakRuns(options, emulator, issuer, stack) : [];
  let fairnessResult: FairnessResult | undefined;
  let fairnessError: string | undefined;
  try {
    if (options.parts.includes('fairness')) fairnessResult = await fairness(options, emulator, issuer, stack);
  } catch (error) {
    // The soak's figures took minutes to make: a failed fairness part must not lose them.
    fairnessError = error instanceof Error ? error.message : String(error);
  }
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { nproc: availableParallelism(), node: process.version, cpu: cpus()[0]?.model ?? 'unknown CPU' },
    options,
    soak: soakResults,
    ...(fairnessResult === undefined ? {} : { fairness: fairnessResult }),
    ...(fairnessError === undefined ? {} : { fairnessError }),
  };
}

runCommand('soak', soakUsage, parseSoakOptions, async (options, stack) => {
  const results = await soak(options, stack);
  const file = writeResultFiles(options.resultsDir, 'soak-', results);
  process.stdout.write(`${formatSoakReport(results)}\n\nresults: ${file} (and soak-latest.json)\n`);
  if (results.fairnessError !== undefined) process.exitCode = 1;
});
