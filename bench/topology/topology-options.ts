import { parseArgs } from 'node:util';

/** `npm run topology`'s settings, from the command line. */
export interface TopologyOptions {
  /** Each phase's load, seconds (a phase whose action takes longer goes on until it ends). */
  readonly durationS: number;
  /** Requests per second through the gateway. */
  readonly rate: number;
  /** Distinct callers (subjects). */
  readonly callers: number;
  /** Latency the emulator adds to every Looker call, ms. */
  readonly latencyMs: number;
  /** Run the replicas from the sources under tsx instead of compiled (while the tree does not compile). */
  readonly fromSources: boolean;
}

/** `npm run topology -- --help`. */
export const topologyUsage = `Usage: npm run topology -- [options]
  --duration S     each phase's load, seconds (default 60; the Looker faults last 15 s or a quarter of it, the less)
  --rate N         requests per second through the gateway (default 50: what 2 cores carry with everything on them)
  --callers N      distinct callers, one subject each (default 20)
  --latency-ms N   latency the emulator adds per Looker call (default 25)
  --from-sources   run the replicas under tsx from the sources instead of compiled (about an eighth more CPU)`;

const positive = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: expected a positive number, got "${text}"`);
  return value;
};

/** Parses the command line; undefined when help was asked for. */
export function parseTopologyOptions(argv: string[]): TopologyOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      rate: { type: 'string' },
      callers: { type: 'string' },
      'latency-ms': { type: 'string' },
      'from-sources': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  return {
    durationS: positive('duration', values.duration, 60),
    rate: positive('rate', values.rate, 50),
    callers: Math.round(positive('callers', values.callers, 20)),
    latencyMs: values['latency-ms'] === undefined ? 25 : Math.round(positive('latency-ms', values['latency-ms'], 25)),
    fromSources: values['from-sources'] === true,
  };
}
