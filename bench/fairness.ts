import { setTimeout as delay } from 'node:timers/promises';
import type { FaultSpec } from '../emulator/http/control-schemas';
import type { EmulatorControl } from './emulator-control';
import { callGraphql, type CallOutcome, type GraphqlEndpoint } from './graphql-call';
import { OutcomeTally, type TallyFigures } from './outcome-tally';

/** How the fairness scenario is run. */
export interface FairnessSettings {
  readonly graphqlUrl: string;
  /** One token per ordinary caller, each a distinct subject. */
  readonly ordinaryTokens: readonly string[];
  /** The hog's token: one subject. */
  readonly hogToken: string;
  /** Length of the measured phase without the hog, and of the one with it, ms. */
  readonly phaseMs: number;
  /** Each ordinary caller starts a request at most this often, ms (closed loop: never two at once). */
  readonly ordinaryIntervalMs: number;
  /** The hog's concurrent loops. */
  readonly hogConcurrency: number;
  /** Each hog loop starts a request at most this often, ms, so fast refusals do not become a CPU flood. */
  readonly hogIntervalMs: number;
  /** An ordinary request's own time limit, ms. */
  readonly requestTimeoutMs: number;
  /** How long to wait for a normal answer after Looker recovers before giving up, ms. */
  readonly recoveryCapMs: number;
  /** How long to wait for the hog's last requests after recovery before aborting them, ms. */
  readonly hogDrainCapMs: number;
}

/** The ordinary callers' metadata operations, in turn. */
export const ordinaryOperations: readonly { readonly name: string; readonly query: string }[] = [
  { name: 'look title', query: 'query OrdinaryLook { look(id: "2") { title } }' },
  { name: 'dashboard title', query: 'query OrdinaryDashboard { dashboard(id: "3") { title } }' },
  { name: 'folder name', query: 'query OrdinaryFolder { folder(id: "2") { name } }' },
];

/** The Looker routes that run queries, synchronously or as a query task: the ones the hog's queries hang on. */
export const queryRunRoutes = [
  'POST /queries/run/{result_format}',
  'GET /queries/{query_id}/run/{result_format}',
  'GET /looks/{look_id}/run/{result_format}',
  'POST /query_tasks',
] as const;

/** The hog's `n`-th query: an ad-hoc query, its limit varied so no two share a Looker call. */
export function hogQuery(n: number): string {
  const limit = 1 + (n % 5000);
  return `query HogQuery { runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.created_date", "order_items.total_sale_price"], limit: ${limit} }) { rowCount } }`;
}

/** What "Looker recovers" measured. */
export interface RecoveryFigures {
  /** A normal answer: no errors, within this many ms (twice the baseline p99, at least 50 ms). */
  readonly normalMs: number;
  /** Probes sent after the faults were removed. */
  readonly probes: number;
  /** From removing the faults to the end of the first answer without errors, ms (undefined: none within the cap). */
  readonly firstOkMs?: number;
  /** From removing the faults to the end of the first normal answer, ms. */
  readonly firstNormalMs?: number;
  /** The slowest probe, ms. */
  readonly slowestProbeMs: number;
}

/** What the fairness scenario measured. */
export interface FairnessResult {
  readonly ordinaryCallers: number;
  /** Ordinary callers alone. */
  readonly baseline: TallyFigures;
  /** Ordinary callers while the hog's queries hang in Looker. */
  readonly withHog: TallyFigures;
  /** The hog's requests, by outcome (those still unanswered after the drain wait are `aborted`). */
  readonly hog: TallyFigures;
  /** Query runs that reached Looker while the hog ran (the emulator's counter). */
  readonly hogLookerRuns: number;
  readonly recovery: RecoveryFigures;
  /** The hog's burst that was hanging when Looker recovered, by outcome. */
  readonly recoveryBurst: TallyFigures;
}

/** The ordinary callers: each a closed loop over the metadata operations, staggered, until `deadline`. */
async function ordinaryLoad(
  settings: FairnessSettings,
  deadline: number,
  byOperation: OutcomeTally,
  all: OutcomeTally,
): Promise<void> {
  const callers = settings.ordinaryTokens.map(async (token, c) => {
    const endpoint: GraphqlEndpoint = { url: settings.graphqlUrl, token };
    await delay((c * settings.ordinaryIntervalMs) / settings.ordinaryTokens.length);
    for (let n = c; performance.now() < deadline; n += 1) {
      const started = performance.now();
      const operation = ordinaryOperations[n % ordinaryOperations.length] as (typeof ordinaryOperations)[number];
      const outcome = await callGraphql(endpoint, operation.query, settings.requestTimeoutMs);
      byOperation.add(operation.name, outcome);
      all.add('ordinary', outcome);
      const wait = settings.ordinaryIntervalMs - (performance.now() - started);
      if (wait > 0 && performance.now() + wait < deadline) await delay(wait);
    }
  });
  await Promise.all(callers);
}

/** Measures one phase of ordinary load, returning the figures of all ordinary requests together and per operation. */
async function ordinaryPhase(settings: FairnessSettings): Promise<TallyFigures> {
  const byOperation = new OutcomeTally();
  const all = new OutcomeTally();
  await ordinaryLoad(settings, performance.now() + settings.phaseMs, byOperation, all);
  const operations = byOperation.figures();
  const total = all.figures();
  return { ...operations, classes: [...total.classes, ...operations.classes] };
}

/** The hog: concurrent loops of slow queries until `stop` says so; each request can be aborted by `abort`. */
function startHog(
  settings: FairnessSettings,
  tally: OutcomeTally,
  abort: AbortSignal,
): { stop: () => void; done: Promise<void> } {
  let stopped = false;
  let counter = 0;
  const endpoint: GraphqlEndpoint = { url: settings.graphqlUrl, token: settings.hogToken };
  const loop = async (): Promise<void> => {
    while (!stopped && !abort.aborted) {
      const started = performance.now();
      const outcome: CallOutcome = await callGraphql(endpoint, hogQuery(counter++), 10 * 60_000, abort);
      tally.add('hog', outcome);
      const wait = settings.hogIntervalMs - (performance.now() - started);
      if (wait > 0 && !stopped) await delay(wait);
    }
  };
  const done = Promise.all(Array.from({ length: settings.hogConcurrency }, loop)).then(() => undefined);
  return { stop: () => void (stopped = true), done };
}

/** Sends one probe every 250 ms until one answers normally or the cap passes; then waits for the probes in flight. */
async function measureRecovery(settings: FairnessSettings, normalMs: number): Promise<RecoveryFigures> {
  const endpoint: GraphqlEndpoint = { url: settings.graphqlUrl, token: settings.ordinaryTokens[0] as string };
  const query = (ordinaryOperations[0] as (typeof ordinaryOperations)[number]).query;
  const begin = performance.now();
  const finished: { endMs: number; outcome: CallOutcome }[] = [];
  const inFlight: Promise<void>[] = [];
  const recovered = (): boolean => finished.some((f) => f.outcome.ok && f.outcome.ms <= normalMs);
  while (!recovered() && performance.now() - begin < settings.recoveryCapMs) {
    const sentAt = performance.now() - begin;
    const remaining = Math.max(1, settings.recoveryCapMs - sentAt);
    inFlight.push(
      callGraphql(endpoint, query, remaining).then((outcome) => {
        finished.push({ endMs: sentAt + outcome.ms, outcome });
      }),
    );
    await delay(250);
  }
  await Promise.all(inFlight);
  const earliest = (accept: (o: CallOutcome) => boolean): number | undefined => {
    const ends = finished.filter((f) => accept(f.outcome)).map((f) => f.endMs);
    return ends.length === 0 ? undefined : Math.min(...ends);
  };
  const firstOkMs = earliest((o) => o.ok);
  const firstNormalMs = earliest((o) => o.ok && o.ms <= normalMs);
  return {
    normalMs,
    probes: finished.length,
    ...(firstOkMs === undefined ? {} : { firstOkMs }),
    ...(firstNormalMs === undefined ? {} : { firstNormalMs }),
    slowestProbeMs: Math.max(0, ...finished.map((f) => f.outcome.ms)),
  };
}

/** The query-run routes' count in the emulator's counters (keys such as `POST /api/4.0/query_tasks`). */
function queryRuns(byRoute: Readonly<Record<string, number>>): number {
  return Object.entries(byRoute)
    .filter(([route]) => route.includes('/run/') || route === 'POST /api/4.0/query_tasks')
    .reduce((sum, [, n]) => sum + n, 0);
}

/** Hangs every query run in Looker until the faults are cleared (requests already held stay held). */
async function hangQueryRuns(emulator: EmulatorControl): Promise<void> {
  const hangs: FaultSpec[] = queryRunRoutes.map((route) => ({ route, status: 504, hang: true }));
  for (const fault of hangs) await emulator.addFault(fault);
}

/** Waits until query runs have reached Looker and their count stops growing, at most `capMs`. */
async function untilRunsSettle(emulator: EmulatorControl, capMs: number): Promise<number> {
  const deadline = performance.now() + capMs;
  let last = -1;
  while (performance.now() < deadline) {
    const runs = queryRuns((await emulator.stats()).byRoute);
    if (runs > 0 && runs === last) return runs;
    last = runs;
    await delay(250);
  }
  return Math.max(0, last);
}

/** Waits for `done` at most `capMs`, then aborts what is left and waits for it to settle. */
async function drain(done: Promise<unknown>, capMs: number, abort: AbortController): Promise<void> {
  await Promise.race([done, delay(capMs)]);
  abort.abort();
  await done;
}

/**
 * Looker recovering: the hog sends a burst of queries that hang in Looker; once they are held, the
 * faults are removed and probes time the first normal answer of an ordinary caller (the held calls
 * stay held until the subgraph gives up on them, as calls stuck in a real outage would).
 */
async function recoveryPhase(
  settings: FairnessSettings,
  emulator: EmulatorControl,
  normalMs: number,
  progress: (line: string) => void,
): Promise<{ recovery: RecoveryFigures; burst: TallyFigures }> {
  await hangQueryRuns(emulator);
  await emulator.resetStats();
  const tally = new OutcomeTally();
  const abort = new AbortController();
  const endpoint: GraphqlEndpoint = { url: settings.graphqlUrl, token: settings.hogToken };
  const burst = Promise.all(
    Array.from({ length: settings.hogConcurrency }, (_, i) =>
      callGraphql(endpoint, hogQuery(100_000 + i), 10 * 60_000, abort.signal).then((outcome) =>
        tally.add('hog', outcome),
      ),
    ),
  );
  let recovery: RecoveryFigures;
  try {
    const held = await untilRunsSettle(emulator, 5_000);
    await emulator.clearFaults();
    progress(
      `fairness: ${held} hog queries held in Looker; Looker recovers (faults removed), probing for an answer within ${normalMs.toFixed(0)} ms`,
    );
    recovery = await measureRecovery(settings, normalMs);
  } finally {
    await emulator.clearFaults();
    progress(`fairness: waiting up to ${settings.hogDrainCapMs / 1000} s for the hog's burst`);
    await drain(burst, settings.hogDrainCapMs, abort);
  }
  return { recovery, burst: tally.figures() };
}

/**
 * One hog and many ordinary callers: ordinary callers alone; then with the hog's queries hanging
 * in Looker (a hang fault on every query-run route); then Looker recovering under a fresh burst of
 * the hog's queries. Every phase is bounded in time.
 */
export async function runFairness(
  settings: FairnessSettings,
  emulator: EmulatorControl,
  progress: (line: string) => void,
): Promise<FairnessResult> {
  await emulator.clearFaults();
  progress(`fairness: ${settings.ordinaryTokens.length} ordinary callers alone, ${settings.phaseMs / 1000} s`);
  const baseline = await ordinaryPhase(settings);

  await hangQueryRuns(emulator);
  await emulator.resetStats();
  const hogTally = new OutcomeTally();
  const abort = new AbortController();
  progress(`fairness: the hog runs ${settings.hogConcurrency} concurrent queries that hang in Looker`);
  const hog = startHog(settings, hogTally, abort.signal);
  let withHog: TallyFigures;
  let hogLookerRuns: number;
  try {
    // Let the hog's queries reach Looker (or be refused) before the ordinary callers measure.
    await untilRunsSettle(emulator, 5_000);
    progress(
      `fairness: ordinary callers with the hog, ${settings.phaseMs / 1000} s (each request as long as it takes)`,
    );
    withHog = await ordinaryPhase(settings);
    hogLookerRuns = queryRuns((await emulator.stats()).byRoute);
  } finally {
    hog.stop();
    await emulator.clearFaults();
    progress(`fairness: waiting up to ${settings.hogDrainCapMs / 1000} s for the hog's last requests`);
    await drain(hog.done, settings.hogDrainCapMs, abort);
  }

  const baselineP99 = baseline.classes[0]?.okLatency.p99 ?? Number.NaN;
  const normalMs = Math.max(50, Number.isFinite(baselineP99) ? 2 * baselineP99 : 50);
  const { recovery, burst } = await recoveryPhase(settings, emulator, normalMs, progress);
  return {
    ordinaryCallers: settings.ordinaryTokens.length,
    baseline,
    withHog,
    hog: hogTally.figures(),
    hogLookerRuns,
    recovery,
    recoveryBurst: burst,
  };
}
