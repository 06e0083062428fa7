import { EmulatorControl } from './emulator-control';
import type { BenchIssuer } from './issuer';
import { freePort, spawnCompiled, spawnTs, waitUntilReady, type Child } from './processes';

/** The emulator's API3 credentials (its defaults). */
export const lookerCredentials = { clientId: 'looker-admin', clientSecret: 'looker-admin-secret' } as const;

/** A started Looker emulator process. */
export interface EmulatorProcess {
  readonly child: Child;
  /** Base URL, the SDK's `base_url`. */
  readonly url: string;
  readonly control: EmulatorControl;
}

/** Starts `emulator/main.ts` in its own process and waits until `/alive` answers. */
export async function startEmulatorProcess(options: {
  latencyMs: number;
  scale: number;
  seed: number;
}): Promise<EmulatorProcess> {
  const port = await freePort();
  const child = spawnTs('emulator', 'emulator/main.ts', {
    LOOKER_EMULATOR_PORT: String(port),
    LOOKER_EMULATOR_HOST: '127.0.0.1',
    LOOKER_EMULATOR_LATENCY_MS: String(options.latencyMs),
    LOOKER_EMULATOR_SCALE: String(options.scale),
    LOOKER_EMULATOR_SEED: String(options.seed),
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, `${url}/alive`);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, url, control: new EmulatorControl(url) };
}

/**
 * The per-caller limits of a subgraph one token drives alone: no per-minute rate and a concurrency
 * no operation reaches (with the default 12 slots and 64 queued calls, ten concurrent operations of
 * nine query runs each are refused LOOKER_RATE_LIMITED, as the fairness rules intend for one caller
 * among many). Fairness itself is `npm run soak`'s part.
 */
export const oneTokenLimits: Readonly<Record<string, string>> = {
  LOOKER_SUBJECT_CONCURRENCY: '1000',
  LOOKER_SUBJECT_RATE: '0',
};

/**
 * The environment of the measured subgraphs: shared caches off (`CACHE_METADATA_TTL`,
 * `CACHE_RESULT_TTL` at 0), so every operation pays its Looker round trips, and
 * {@link oneTokenLimits}, since one token drives the whole load.
 */
export const measuredSubgraphEnv: Readonly<Record<string, string>> = {
  CACHE_METADATA_TTL: '0',
  CACHE_RESULT_TTL: '0',
  ...oneTokenLimits,
};

/** A started subgraph process. */
export interface SubgraphProcess {
  readonly child: Child;
  /** Its `/graphql` URL. */
  readonly graphqlUrl: string;
}

/** How to start a subgraph. */
export interface SubgraphSettings {
  readonly name: string;
  readonly emulatorUrl: string;
  readonly issuer: BenchIssuer;
  /** `LOADER_BATCHING`: false starts the baseline without batching and de-duplication. */
  readonly batching: boolean;
  /** When set, run under `node --cpu-prof` and write the profile there on exit. */
  readonly cpuProfileDir?: string;
  /** Extra environment (e.g. the fairness limits under test); it wins over the settings above. */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra node flags (e.g. `--heapsnapshot-signal`). */
  readonly nodeFlags?: readonly string[];
}

/**
 * Starts `src/main.ts`, compiled, as the configured (non-demo) subgraph: Looker = the emulator, OIDC = the
 * benchmark's issuer, production mode. Waits until `/readyz` answers.
 */
export async function startSubgraphProcess(settings: SubgraphSettings): Promise<SubgraphProcess> {
  const port = await freePort();
  const flags = [
    ...(settings.cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', settings.cpuProfileDir]),
    ...(settings.nodeFlags ?? []),
  ];
  const child = await spawnCompiled(
    settings.name,
    'src/main.ts',
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOOKERSDK_BASE_URL: settings.emulatorUrl,
      LOOKERSDK_CLIENT_ID: lookerCredentials.clientId,
      LOOKERSDK_CLIENT_SECRET: lookerCredentials.clientSecret,
      OIDC_ISSUER: settings.issuer.issuer,
      OIDC_AUDIENCE: settings.issuer.audience,
      LOADER_BATCHING: String(settings.batching),
      // The audit trail is written as in service (one synchronous JSON line per operation), to a
      // sink that keeps neither the disk nor this process busy.
      AUDIT_LOG: '/dev/null',
      // No load balancer to wait for: a stopped benchmark subgraph exits at once.
      SHUTDOWN_DRAIN_SECONDS: '0',
      ...settings.env,
    },
    flags,
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, `${base}/readyz`);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, graphqlUrl: `${base}/graphql` };
}
