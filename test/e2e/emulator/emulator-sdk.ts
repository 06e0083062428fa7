import { DEMO_USER_IDS, startEmulator, type RunningEmulator } from '../../../emulator';
import { Looker40SDK } from '@looker/sdk';
import { NodeSession, NodeSettings, NodeTransport } from '@looker/sdk-node';
import {
  DefaultSettings,
  type Authenticator,
  type HttpMethod,
  type IApiSection,
  type IRawResponse,
  type IRequestProps,
  type ITransportSettings,
} from '@looker/sdk-rtl';
import { createEngine } from '../../../emulator/engine/create-engine';
import type { Engine } from '../../../emulator/engine/types';

/** Default API3 client id of the emulator. */
export const ADMIN_CLIENT_ID = 'looker-admin';
/** Default API3 client secret of the emulator. */
export const ADMIN_CLIENT_SECRET = 'looker-admin-secret';

/** The engine the emulator suites share within a file: fixed seed and reference date. */
export function createSuiteEngine(): Promise<Engine> {
  return createEngine({ seed: 7, referenceDate: new Date('2026-06-15T00:00:00Z') });
}

/**
 * Settings that hand the SDK our credentials. `NodeSettings.readConfig()` only reads environment
 * variables, so the documented way to pass credentials from code is to override it. `verify_ssl`
 * stays true: with false the SDK sets `NODE_TLS_REJECT_UNAUTHORIZED=0` for the whole process.
 */
export class EmulatorSettings extends NodeSettings {
  constructor(
    private readonly baseUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {
    super('LOOKER_EMULATOR_TEST', {
      ...DefaultSettings(),
      base_url: baseUrl,
      verify_ssl: true,
      timeout: 30,
      agentTag: 'emulator-e2e',
    });
  }

  override readConfig(): IApiSection {
    return { base_url: this.baseUrl, client_id: this.clientId, client_secret: this.clientSecret, verify_ssl: 'true' };
  }
}

/**
 * The SDK's Node transport with one addition: it honours `options.signal`, which the stock
 * transport drops, so a client can abort a call that never answers. (Always passing a signal also
 * keeps the stock transport from logging a debug line on every call.)
 */
export class AbortableTransport extends NodeTransport {
  protected override async initRequest(
    method: HttpMethod,
    path: string,
    body?: unknown,
    authenticator?: Authenticator,
    options?: Partial<ITransportSettings>,
  ): Promise<IRequestProps> {
    const signal = options?.signal ?? new AbortController().signal;
    const props = await super.initRequest(method, path, body, authenticator, { ...options, signal });
    props.signal = signal;
    return props;
  }
}

/** An SDK instance and the raw responses its transport saw (status and headers included). */
export interface SdkClient {
  sdk: Looker40SDK;
  session: NodeSession;
  responses: IRawResponse[];
}

/** The real SDK, logged in lazily with the given API3 credentials (the emulator's admin by default). */
export function sdkFor(baseUrl: string, clientId = ADMIN_CLIENT_ID, clientSecret = ADMIN_CLIENT_SECRET): SdkClient {
  const settings = new EmulatorSettings(baseUrl, clientId, clientSecret);
  const transport = new AbortableTransport(settings);
  const responses: IRawResponse[] = [];
  transport.observer = (raw) => {
    responses.push(raw);
    return raw;
  };
  const session = new NodeSession(settings, transport);
  return { sdk: new Looker40SDK(session), session, responses };
}

/**
 * An SDK acting as one Looker user: the admin SDK calls `login_user`, and this SDK's session uses
 * that token (as the subgraph does for per-user access, never the shared sudo session).
 */
export async function sdkAsUser(admin: Looker40SDK, baseUrl: string, userId: string): Promise<SdkClient> {
  const token = await admin.ok(admin.login_user(userId));
  const client = sdkFor(baseUrl, 'unused', 'unused');
  client.session.activeToken.setToken({
    access_token: token.access_token ?? undefined,
    token_type: token.token_type ?? undefined,
    expires_in: token.expires_in ?? undefined,
  });
  return client;
}

/** The HTTP status Looker put in an error's `documentation_url` (the SDK drops the status itself). */
export function errorStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object' || !('documentation_url' in error)) return undefined;
  const url = String(error.documentation_url);
  const match = /\/err\/4\.0\/(\d{3})\//.exec(url);
  return match ? Number(match[1]) : undefined;
}

/** An emulator on a free port with SDK clients for the admin, Victor (viewer) and Nora (no models). */
export interface EmulatorSuite {
  readonly emulator: RunningEmulator;
  readonly admin: SdkClient;
  readonly viewer: SdkClient;
  readonly nora: SdkClient;
  stop(): Promise<void>;
}

/** Starts the suite's emulator (with its own engine) and logs the three clients in. */
export async function startEmulatorSuite(): Promise<EmulatorSuite> {
  const engine = await createSuiteEngine();
  const emulator = await startEmulator({ port: 0, engine });
  const admin = sdkFor(emulator.url);
  return {
    emulator,
    admin,
    viewer: await sdkAsUser(admin.sdk, emulator.url, DEMO_USER_IDS.viewer),
    nora: await sdkAsUser(admin.sdk, emulator.url, DEMO_USER_IDS.nomodels),
    async stop() {
      await emulator.stop();
      await engine.close();
    },
  };
}
