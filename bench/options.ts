import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scenarios, type ScenarioId } from './scenarios';

/** The benchmark's settings, from the command line. */
export interface BenchOptions {
  /** Latency the emulator adds to every Looker API call, ms. */
  readonly latencyMs: number;
  /** Emulator data scale (1 = 100,000 order items). */
  readonly scale: number;
  /** Emulator data seed. */
  readonly seed: number;
  /** Measured seconds per scenario and variant. */
  readonly durationS: number;
  /** Unmeasured seconds before each measured run, at the same concurrency. */
  readonly warmupS: number;
  /** Concurrent connections (the floor: concurrent loops). */
  readonly connections: number;
  /** Connections of the peak-RSS run (scenario 3). */
  readonly rssConnections: number;
  /** Sequential requests per scenario and variant that count calls of a single operation. */
  readonly probeRequests: number;
  /** Scenarios to run. */
  readonly scenarios: readonly ScenarioId[];
  /** Scenario C (`--scenarios C`): the shared caches, see bench/cache-scenarios.ts. */
  readonly cacheScenarios: boolean;
  /** `CACHE_RESULT_TTL` of scenario C's cache-on subgraph, seconds. */
  readonly cacheResultTtlS: number;
  /** Profile mode: only the batched subgraph, under `node --cpu-prof`, over `scenarios`. */
  readonly profile: boolean;
  /** Where results go. */
  readonly resultsDir: string;
}

/** `npm run bench -- --help`. */
export const usage = `Usage: npm run bench -- [options]
  --latency-ms N        latency the emulator adds per Looker call (default 25)
  --scale N             emulator data scale, 1 = 100,000 order items (default 1)
  --seed N              emulator data seed (default 42)
  --duration S          measured seconds per scenario and variant (default 8)
  --warmup S            warm-up seconds before each measured run (default 1)
  --connections N       concurrent connections / floor loops (default 10)
  --rss-connections N   simultaneous requests of scenario 3's peak-RSS burst (default 100)
  --probe N             sequential requests that count one operation's Looker calls (default 10)
  --scenarios 1,3       scenarios to run (default all: ${scenarios.map((s) => s.id).join(',')},C; C = the caches)
  --cache-result-ttl S  CACHE_RESULT_TTL of scenario C's cache-on subgraph (default 5)
  --profile             CPU-profile the subgraph (node --cpu-prof) over --scenarios, no baselines
  --results DIR         results folder (default bench/results)`;

function positive(name: string, raw: string | undefined, fallback: number, integer = true): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const valid = Number.isFinite(value) && (integer ? Number.isInteger(value) : true);
  if (!valid || value < 0)
    throw new Error(`--${name} must be a non-negative ${integer ? 'integer' : 'number'}, got "${raw}"`);
  return value;
}

/** The cache scenario's id in `--scenarios`. */
const cacheScenarioId = 'C';

function scenarioList(raw: string | undefined): { ids: ScenarioId[]; cache: boolean } {
  if (raw === undefined) return { ids: scenarios.map((s) => s.id), cache: true };
  const known = new Set<string>([...scenarios.map((s) => s.id), cacheScenarioId]);
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0 || ids.length === 0)
    throw new Error(`--scenarios takes ids among ${[...known].join(',')}; got "${raw}"`);
  return { ids: ids.filter((id) => id !== cacheScenarioId) as ScenarioId[], cache: ids.includes(cacheScenarioId) };
}

/** Parses the command line; throws with a message naming the bad option. Returns undefined for --help. */
export function parseOptions(argv: readonly string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'latency-ms': { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'rss-connections': { type: 'string' },
      probe: { type: 'string' },
      scenarios: { type: 'string' },
      'cache-result-ttl': { type: 'string' },
      profile: { type: 'boolean' },
      results: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const selected = scenarioList(values.scenarios);
  const options: BenchOptions = {
    latencyMs: positive('latency-ms', values['latency-ms'], 25),
    scale: positive('scale', values.scale, 1, false),
    seed: positive('seed', values.seed, 42),
    durationS: positive('duration', values.duration, 8),
    warmupS: positive('warmup', values.warmup, 1),
    connections: positive('connections', values.connections, 10),
    rssConnections: positive('rss-connections', values['rss-connections'], 100),
    probeRequests: positive('probe', values.probe, 10),
    scenarios: selected.ids,
    cacheScenarios: selected.cache,
    cacheResultTtlS: positive('cache-result-ttl', values['cache-result-ttl'], 5),
    profile: values.profile ?? false,
    resultsDir: values.results ?? resolve(__dirname, 'results'),
  };
  if (options.durationS < 1) throw new Error('--duration must be at least 1 second');
  if (options.connections < 1 || options.rssConnections < 1)
    throw new Error('--connections and --rss-connections must be at least 1');
  if (options.probeRequests < 1) throw new Error('--probe must be at least 1');
  if (options.scale <= 0) throw new Error('--scale must be positive');
  if (options.cacheResultTtlS < 1) throw new Error('--cache-result-ttl must be at least 1 second');
  if (options.profile && options.scenarios.length === 0)
    throw new Error('--profile needs at least one of the scenarios 1-5');
  return options;
}
