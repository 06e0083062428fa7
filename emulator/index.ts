import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiCredentials } from './access/api-credentials';
import { DEMO_USER_IDS, type EmulatorFlavor } from './access/users';
import { SessionStore } from './access/sessions';
import { ContentStore } from './content/content-store';
import { QueryStore } from './content/query-store';
import { ScheduleStore } from './content/schedule-store';
import { createEngine } from './engine/create-engine';
import type { Engine, EngineOptions } from './engine/types';
import { createApp } from './http/app';
import { Controls, seededRandom } from './http/controls';
import { EmulatorControl } from './http/emulator-control';
import { QueryTaskStore } from './http/query-task-store';
import type { EmulatorServices } from './http/services';
import { RequestStats, type StatsSnapshot } from './http/stats';

export { DEMO_LOGINS, DEMO_USER_IDS, type EmulatorFlavor } from './access/users';
export { FOLDER_IDS, personalFolderId } from './content/folders';
export type { FaultSpec, LatencyRule, QueryTimeRule, ResetOptions } from './http/control-schemas';
export type { ApiCredentialsSnapshot } from './access/api-credentials';
export type { ActiveFault, HangHandle } from './http/controls';
export { EmulatorControl } from './http/emulator-control';
export type { RecordedRequest, StatsSnapshot } from './http/stats';
export type { Delivery } from './content/schedule-store';

/** Options of `startEmulator`. Engine options (seed, scale, referenceDate) apply when it builds the engine. */
export interface EmulatorOptions extends EngineOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** API3 client id `POST /login` accepts. Default `looker-admin`. */
  clientId?: string;
  /** API3 client secret `POST /login` accepts. Default `looker-admin-secret`. */
  clientSecret?: string;
  /** Lifetime of issued tokens, in seconds. Default 3600. */
  tokenTtlSeconds?: number;
  /** Latency added to every API request, in milliseconds. Default 0. */
  latencyMs?: number;
  /** Uniform random extra latency, 0..jitterMs milliseconds. Default 0. */
  jitterMs?: number;
  /** A pre-built engine to serve (shared between emulators or test files); `stop()` leaves it open. */
  engine?: Engine;
  /** Clock for token expiry, in epoch milliseconds; tests pass a controllable one. Default `Date.now`. */
  clock?: () => number;
  /** Receives unexpected errors (answered 500). */
  onInternalError?: (error: unknown) => void;
  /** `core` behaves as Looker (Google Cloud core): `login_user` only for embed users, most credential lookups denied. Default `original`. */
  flavor?: EmulatorFlavor;
  /** The user the API3 credentials belong to; a non-admin (e.g. `DEMO_USER_IDS.viewer`) shows a misconfigured API user. Default `'1'`. */
  apiUserId?: string;
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, the SDK's `base_url` (e.g. `http://127.0.0.1:4010`). */
  url: string;
  /** `url` + `/api/4.0`. */
  apiUrl: string;
  /** The engine serving the data. */
  engine: Engine;
  /** Test controls (latency, faults, token expiry), the same as `/__emulator/*`. */
  control: EmulatorControl;
  /** Request counters since the last reset. */
  stats(): StatsSnapshot;
  /** Every API token issued since start (the last 10,000), for tests that check none leaked. */
  issuedTokens(): string[];
  /** Closes the server (and the engine, unless it was passed in). */
  stop(): Promise<void>;
}

/** Listens and resolves with the bound address. */
function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Starts a Looker API 4.0 emulator with the demo content and users. Instances are independent. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const ownsEngine = options.engine === undefined;
  const engine =
    options.engine ??
    (await createEngine({ seed: options.seed, scale: options.scale, referenceDate: options.referenceDate }));
  const queries = new QueryStore();
  const content = new ContentStore(queries);
  let webUrl = '';
  const services: EmulatorServices = {
    engine,
    content,
    queries,
    schedules: new ScheduleStore(),
    sessions: new SessionStore(options.tokenTtlSeconds ?? 3600, options.clock),
    tasks: new QueryTaskStore(engine),
    controls: new Controls(
      { ms: options.latencyMs ?? 0, jitterMs: options.jitterMs ?? 0 },
      seededRandom(options.seed ?? 42),
    ),
    stats: new RequestStats(),
    credentials: new ApiCredentials(options.clientId ?? 'looker-admin', options.clientSecret ?? 'looker-admin-secret'),
    webUrl: () => webUrl,
    flavor: options.flavor ?? 'original',
    apiUserId: options.apiUserId ?? DEMO_USER_IDS.apiAdmin,
    ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}),
  };
  const control = new EmulatorControl(services);
  const server = createServer(createApp(services, control));
  let address: AddressInfo;
  try {
    address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  } catch (error) {
    if (ownsEngine) await engine.close();
    throw error;
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  webUrl = `http://${host}:${address.port}`;

  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Held-open (hang) and keep-alive connections would keep `close` waiting forever.
    server.closeAllConnections();
    await closed;
    await services.tasks.drain();
    if (ownsEngine) await engine.close();
  };

  return {
    url: webUrl,
    apiUrl: `${webUrl}/api/4.0`,
    engine,
    control,
    stats: () => control.stats(),
    issuedTokens: () => services.sessions.issuedTokens(),
    stop: () => (stopped ??= stop()),
  };
}
