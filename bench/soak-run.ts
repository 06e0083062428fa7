import type { FaultSpec } from '../emulator/http/control-schemas';
import type { EmulatorControl } from './emulator-control';
import { callGraphql } from './graphql-call';
import { HeapSampler, type HeapFigures } from './heap-sampler';
import { OutcomeTally, type TallyFigures } from './outcome-tally';
import { ProcessMonitor } from './process-monitor';
import { paceAtRate, type PaceOutcome } from './rate-pacer';
import { MixDealer, soakMix, type SoakCaller } from './soak-mix';

/** How one soak run is made. */
export interface SoakSettings {
  readonly label: string;
  readonly graphqlUrl: string;
  /** The subgraph's process, whose RSS is watched. */
  readonly subgraphPid: number;
  readonly tokens: Readonly<Record<SoakCaller, string>>;
  readonly ratePerSecond: number;
  readonly durationMs: number;
  readonly maxInFlight: number;
  /** Each request's own time limit, ms. */
  readonly requestTimeoutMs: number;
  /** Fault rules installed in the emulator for the run (none: a clean run). */
  readonly faults: readonly FaultSpec[];
  /** The subgraph's `/metrics`, whose heap gauges are sampled every second. */
  readonly metricsUrl?: string;
  /** Writes a heap snapshot of the subgraph named `name`, returning its path: taken at a third of the run and once it drained. */
  readonly heapSnapshot?: (name: string) => Promise<string>;
}

/** What one soak run measured. */
export interface SoakResult {
  readonly label: string;
  readonly faults: readonly FaultSpec[];
  readonly pace: PaceOutcome;
  /** Requests sent per second of the sending window: the rate achieved. */
  readonly sentPerSecond: number;
  readonly byOperation: TallyFigures;
  readonly byCaller: TallyFigures;
  readonly rssMb: { readonly start?: number; readonly end?: number; readonly peak?: number };
  /** The subgraph's heap during the run, when its metrics were sampled. */
  readonly heap?: HeapFigures;
  /** Heap snapshots taken: at a third of the run, and once it drained. */
  readonly heapSnapshots?: readonly string[];
  /** Looker API calls the emulator counted during the run (its `/__emulator/stats`), logins included. */
  readonly lookerCalls: number;
  readonly lookerCallsPerRequest: number;
  readonly lookerCallsByRoute: Readonly<Record<string, number>>;
}

/**
 * One soak run: installs the faults, sends the mix at a fixed rate for the duration (open loop,
 * bounded in flight), waits for the stragglers, removes the faults, and reads the emulator's counters.
 */
export async function runSoak(settings: SoakSettings, emulator: EmulatorControl): Promise<SoakResult> {
  await emulator.clearFaults();
  await emulator.resetStats();
  for (const fault of settings.faults) await emulator.addFault(fault);
  const byOperation = new OutcomeTally();
  const byCaller = new OutcomeTally();
  const dealer = new MixDealer(soakMix);
  const monitor = new ProcessMonitor(settings.subgraphPid, 200);
  monitor.start();
  const sampler = settings.metricsUrl === undefined ? undefined : new HeapSampler(settings.metricsUrl);
  sampler?.start();
  const snapshots: Promise<string>[] = [];
  const name = settings.label.replace(/[^a-z0-9]+/gi, '-');
  // A snapshot that fails is reported in place of its path, not lost to an unhandled rejection.
  const snapshot = (suffix: string): Promise<string> =>
    settings.heapSnapshot
      ? settings.heapSnapshot(`${name}-${suffix}`).catch((error: unknown) => `failed: ${String(error)}`)
      : Promise.resolve('');
  const third = settings.heapSnapshot
    ? setTimeout(() => snapshots.push(snapshot('1-third')), settings.durationMs / 3)
    : undefined;
  let pace: PaceOutcome;
  try {
    pace = await paceAtRate({
      ratePerSecond: settings.ratePerSecond,
      durationMs: settings.durationMs,
      maxInFlight: settings.maxInFlight,
      send: async () => {
        const request = dealer.next();
        const endpoint = { url: settings.graphqlUrl, token: settings.tokens[request.caller] };
        const outcome = await callGraphql(endpoint, request.query, settings.requestTimeoutMs);
        byOperation.add(request.operation.name, outcome);
        byCaller.add(request.caller, outcome);
      },
    });
  } finally {
    clearTimeout(third);
    await emulator.clearFaults();
  }
  const usage = monitor.stop();
  const heap = await sampler?.stop();
  const stats = await emulator.settledStats(300);
  if (settings.heapSnapshot) snapshots.push(snapshot('2-drained'));
  const heapSnapshots = await Promise.all(snapshots);
  const operations = byOperation.figures();
  return {
    label: settings.label,
    faults: settings.faults,
    pace,
    // Each send stands for one interval of the schedule, the last one included.
    sentPerSecond: pace.sent / ((pace.sendingMs + 1000 / settings.ratePerSecond) / 1000),
    byOperation: operations,
    byCaller: byCaller.figures(),
    rssMb: {
      ...(usage.startRssMb === undefined ? {} : { start: usage.startRssMb }),
      ...(usage.endRssMb === undefined ? {} : { end: usage.endRssMb }),
      ...(usage.peakRssMb === undefined ? {} : { peak: usage.peakRssMb }),
    },
    ...(heap === undefined ? {} : { heap }),
    ...(heapSnapshots.length === 0 ? {} : { heapSnapshots }),
    lookerCalls: stats.total,
    lookerCallsPerRequest: pace.sent === 0 ? Number.NaN : stats.total / pace.sent,
    lookerCallsByRoute: stats.byRoute,
  };
}
