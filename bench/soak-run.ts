import type { FaultSpec } from '../emulator/http/control-schemas';
import type { EmulatorControl } from './emulator-control';
import { callGraphql } from './graphql-call';
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
    await emulator.clearFaults();
  }
  const usage = monitor.stop();
  const stats = await emulator.settledStats(300);
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
    lookerCalls: stats.total,
    lookerCallsPerRequest: pace.sent === 0 ? Number.NaN : stats.total / pace.sent,
    lookerCallsByRoute: stats.byRoute,
  };
}
