import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoAudience } from '../src/config';
import { startBenchIssuer } from './issuer';
import { drivenSubgraph, measure, type RunRecord } from './measure';
import type { BenchOptions } from './options';
import { formatProfileSummary, monotonicNowUs, summarizeProfile, type TimeWindow } from './profile-summary';
import { scenarioById } from './scenarios';
import { measuredSubgraphEnv, startEmulatorProcess, startSubgraphProcess } from './stack';
import type { Stoppers } from './stoppers';

const fmt = (n: number | undefined, digits = 1): string =>
  n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits);

function describeRun(run: RunRecord): string {
  return (
    `scenario ${run.scenario} (${scenarioById(run.scenario).name}), ${run.connections} connections, ${run.latencyMs} ms latency: ` +
    `${fmt(run.requestsPerSecond, 0)} req/s, p50 ${fmt(run.p50Ms)} ms, p99 ${fmt(run.p99Ms)} ms, ` +
    `${fmt(run.lookerCallsPerOp, 2)} Looker calls/op, CPU ${fmt(run.cpuMsPerOp, 2)} ms/op, peak RSS ${fmt(run.peakRssMb, 0)} MB, ${run.failures} failures`
  );
}

/**
 * `--profile`: the batched subgraph alone under `node --cpu-prof`, driven over the chosen
 * scenarios; on exit V8 writes the profile, which is then summarised over the runs only (warm-ups
 * included, start-up left out). Returns the text to print.
 */
export async function runProfile(
  options: BenchOptions,
  stack: Stoppers,
  progress: (line: string) => void,
): Promise<string> {
  const dir = resolve(options.resultsDir, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const issuer = await startBenchIssuer(demoAudience);
  stack.add(() => issuer.close());
  const emulator = await startEmulatorProcess(options);
  stack.add(() => emulator.child.stop());
  const subgraph = await startSubgraphProcess({
    name: 'subgraph (profiled)',
    emulatorUrl: emulator.url,
    issuer,
    batching: true,
    cpuProfileDir: dir,
    env: measuredSubgraphEnv,
  });
  stack.add(() => subgraph.child.stop());
  const driven = drivenSubgraph('subgraph', subgraph.child.pid, subgraph.graphqlUrl, await issuer.token('demo-admin'));

  const lines: string[] = [];
  const windows: TimeWindow[] = [];
  for (const id of options.scenarios) {
    await driven.check(id);
    progress(`profiling scenario ${id}: ${options.connections} connections, ${options.durationS} s`);
    const from = monotonicNowUs();
    const run = await measure(driven, emulator.control, id, 'main', options.latencyMs, {
      kind: 'load',
      connections: options.connections,
      durationS: options.durationS,
      warmupS: options.warmupS,
    });
    windows.push([from, monotonicNowUs()]);
    lines.push(describeRun(run));
  }
  // main.ts exits on SIGTERM, and V8 writes the profile as the process exits.
  await subgraph.child.stop();
  const profiles = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const file = profiles[0];
  if (file === undefined) throw new Error(`no .cpuprofile was written to ${dir}`);
  const text = [
    ...lines,
    '',
    formatProfileSummary(join(dir, file), summarizeProfile(join(dir, file), 25, windows), true),
  ].join('\n');
  writeFileSync(join(dir, 'summary.txt'), `${text}\n`);
  return `${text}\n\nprofile: ${join(dir, file)} (open it in Chrome DevTools > Performance, or VS Code)`;
}
