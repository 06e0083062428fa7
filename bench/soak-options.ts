import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** The parts `npm run soak` can run. */
export type SoakPart = 'soak' | 'fairness';

/** `npm run soak`'s settings, from the command line. */
export interface SoakOptions {
  readonly parts: readonly SoakPart[];
  /** Length of each soak run (clean, then with faults), minutes. */
  readonly soakMinutes: number;
  /** Requests per second the soak sends. */
  readonly rate: number;
  /** Fraction of Looker calls that fail in the faulty soak run. */
  readonly faultRate: number;
  /** Soak requests unanswered at once before a due send is skipped. */
  readonly maxInFlight: number;
  /** A soak or ordinary request's own time limit, seconds. */
  readonly requestTimeoutS: number;
  /** Latency the emulator adds to every Looker call, ms. */
  readonly latencyMs: number;
  readonly scale: number;
  readonly seed: number;
  /** Ordinary callers of the fairness scenario, each its own subject. */
  readonly callers: number;
  /** Each fairness phase (callers alone, callers with the hog), seconds. */
  readonly fairnessSeconds: number;
  /** An ordinary caller starts a request at most this often, ms. */
  readonly callerIntervalMs: number;
  readonly hogConcurrency: number;
  readonly hogIntervalMs: number;
  /** How long to wait for a normal answer once Looker recovers, seconds. */
  readonly recoveryCapS: number;
  /** How long to wait for the hog's last requests, seconds. */
  readonly hogDrainS: number;
  /** Extra environment for every subgraph process (`--env KEY=VALUE`). */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Heap snapshots of each soak run's subgraph, at a third of the run and once it drained
   * (`--heap-snapshots`), in `<results>/heap-<timestamp>/`. Each stops the subgraph for seconds, so
   * that run's latency and RSS figures are disturbed: measure without them.
   */
  readonly heapSnapshots: boolean;
  readonly resultsDir: string;
}

/** `npm run soak -- --help`. */
export const soakUsage = `Usage: npm run soak -- [options]
  --parts soak,fairness       what to run (default both)
  --soak-minutes M            length of each soak run, clean and with faults (default 10)
  --rate N                    requests per second of the soak (default 40)
  --fault-rate F              fraction of Looker calls failed in the faulty run (default 0.2)
  --max-in-flight N           soak requests unanswered at once before sends are skipped (default 200)
  --request-timeout S         a request's own time limit, seconds (default 60)
  --latency-ms N              latency the emulator adds per Looker call (default 25)
  --scale N                   emulator data scale (default 1)
  --seed N                    emulator data and fault seed (default 42)
  --callers N                 ordinary callers of the fairness scenario, one subject each (default 8)
  --fairness-seconds S        each fairness phase: callers alone, callers with the hog (default 30)
  --caller-interval-ms N      an ordinary caller sends at most every N ms (default 200)
  --hog-concurrency N         the hog's concurrent queries (default 40)
  --hog-interval-ms N         each hog loop sends at most every N ms (default 500)
  --recovery-cap S            how long to wait for a normal answer after Looker recovers (default 60)
  --hog-drain S               how long to wait for the hog's last requests (default 45)
  --env KEY=VALUE             extra environment for the subgraph processes (repeatable)
  --heap-snapshots            heap snapshots of each soak run's subgraph at 1/3 and once drained
                              (they stop it for seconds: latency and RSS figures are then disturbed)
  --results DIR               results folder (default bench/results)`;

function number(
  name: string,
  raw: string | undefined,
  fallback: number,
  check: (n: number) => boolean,
  what: string,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || !check(value))
    throw new Error(`--${name} must be ${what}, got "${raw}"`);
  return value;
}

const positive = (n: number): boolean => n > 0;
const positiveInteger = (n: number): boolean => Number.isInteger(n) && n > 0;
const nonNegativeInteger = (n: number): boolean => Number.isInteger(n) && n >= 0;

function parts(raw: string | undefined): SoakPart[] {
  if (raw === undefined) return ['soak', 'fairness'];
  const list = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const bad = list.filter((p) => p !== 'soak' && p !== 'fairness');
  if (list.length === 0 || bad.length > 0) throw new Error(`--parts takes soak and/or fairness, got "${raw}"`);
  return list as SoakPart[];
}

function environment(pairs: readonly string[] | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
    if (!match) throw new Error(`--env takes KEY=VALUE, got "${pair}"`);
    env[match[1] as string] = match[2] as string;
  }
  return env;
}

/** Parses the command line; throws with a message naming the bad option. Returns undefined for --help. */
export function parseSoakOptions(argv: readonly string[]): SoakOptions | undefined {
  const string = { type: 'string' } as const;
  const { values } = parseArgs({
    args: [...argv],
    options: {
      parts: string,
      'soak-minutes': string,
      rate: string,
      'fault-rate': string,
      'max-in-flight': string,
      'request-timeout': string,
      'latency-ms': string,
      scale: string,
      seed: string,
      callers: string,
      'fairness-seconds': string,
      'caller-interval-ms': string,
      'hog-concurrency': string,
      'hog-interval-ms': string,
      'recovery-cap': string,
      'hog-drain': string,
      env: { type: 'string', multiple: true },
      'heap-snapshots': { type: 'boolean' },
      results: string,
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  return {
    parts: parts(values.parts),
    soakMinutes: number('soak-minutes', values['soak-minutes'], 10, positive, 'a positive number'),
    rate: number('rate', values.rate, 40, positive, 'a positive number'),
    faultRate: number('fault-rate', values['fault-rate'], 0.2, (n) => n >= 0 && n <= 1, 'between 0 and 1'),
    maxInFlight: number('max-in-flight', values['max-in-flight'], 200, positiveInteger, 'a positive integer'),
    requestTimeoutS: number('request-timeout', values['request-timeout'], 60, positive, 'a positive number'),
    latencyMs: number('latency-ms', values['latency-ms'], 25, nonNegativeInteger, 'a non-negative integer'),
    scale: number('scale', values.scale, 1, positive, 'a positive number'),
    seed: number('seed', values.seed, 42, nonNegativeInteger, 'a non-negative integer'),
    callers: number('callers', values.callers, 8, positiveInteger, 'a positive integer'),
    fairnessSeconds: number('fairness-seconds', values['fairness-seconds'], 30, positive, 'a positive number'),
    callerIntervalMs: number(
      'caller-interval-ms',
      values['caller-interval-ms'],
      200,
      nonNegativeInteger,
      'a non-negative integer',
    ),
    hogConcurrency: number('hog-concurrency', values['hog-concurrency'], 40, positiveInteger, 'a positive integer'),
    hogIntervalMs: number(
      'hog-interval-ms',
      values['hog-interval-ms'],
      500,
      nonNegativeInteger,
      'a non-negative integer',
    ),
    recoveryCapS: number('recovery-cap', values['recovery-cap'], 60, positive, 'a positive number'),
    hogDrainS: number('hog-drain', values['hog-drain'], 45, (n) => n >= 0, 'a non-negative number'),
    env: environment(values.env),
    heapSnapshots: values['heap-snapshots'] === true,
    resultsDir: values.results ?? resolve(__dirname, 'results'),
  };
}
