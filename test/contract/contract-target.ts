import { DEMO_USER_IDS, startEmulator, type EmulatorFlavor, type RunningEmulator } from '../../emulator';
import type { Engine } from '../../emulator/engine/types';
import { createSuiteEngine, sdkFor, type SdkClient } from '../e2e/emulator/emulator-sdk';

/**
 * The Looker the contract suite checks: the instance in `LOOKERSDK_BASE_URL` (with
 * `LOOKERSDK_CLIENT_ID`/`LOOKERSDK_CLIENT_SECRET`) when set, else the emulator in each flavour.
 */
export interface ContractTarget {
  readonly name: string;
  /** The API3 client, as the subgraph's service account. */
  readonly admin: SdkClient;
  readonly baseUrl: string;
  /** A failing query (run-time database error) to check Looker's error rows, when one is known. */
  readonly failingQuery?: { model: string; view: string; fields: string[] };
  /** A user `login_user` must work for under the configured mapping, when one is known. */
  readonly loginUserId?: string;
  /** A user `login_user` must be refused for (Google Cloud core: not an embed user), when known. */
  readonly refusedLoginUserId?: string;
  /** A non-admin user and a look outside what they may see, to check 404 for hidden content. */
  readonly hidden?: { userId: string; lookId: string };
  stop(): Promise<void>;
}

/** Whether the suite runs against a real instance (from the environment). */
export function realLooker(): boolean {
  return process.env.LOOKERSDK_BASE_URL !== undefined;
}

/** The real instance named by the environment; optional extras come from `LOOKER_CONTRACT_*`. */
export function realTarget(): ContractTarget {
  const baseUrl = process.env.LOOKERSDK_BASE_URL as string;
  const failing = process.env.LOOKER_CONTRACT_FAILING_QUERY;
  return {
    name: `Looker at ${new URL(baseUrl).host}`,
    baseUrl,
    admin: sdkFor(baseUrl, process.env.LOOKERSDK_CLIENT_ID ?? '', process.env.LOOKERSDK_CLIENT_SECRET ?? ''),
    failingQuery: failing ? (JSON.parse(failing) as ContractTarget['failingQuery']) : undefined,
    loginUserId: process.env.LOOKER_CONTRACT_LOGIN_USER_ID,
    refusedLoginUserId: process.env.LOOKER_CONTRACT_REFUSED_LOGIN_USER_ID,
    stop: async () => undefined,
  };
}

/** The emulator in one flavour, with what the suite needs to know of its demo content. */
export async function emulatorTarget(flavor: EmulatorFlavor): Promise<ContractTarget> {
  const engine: Engine = await createSuiteEngine();
  const emulator: RunningEmulator = await startEmulator({ port: 0, engine, flavor });
  return {
    name: `emulator (${flavor})`,
    baseUrl: emulator.url,
    admin: sdkFor(emulator.url),
    // A dimension whose column the warehouse dropped: the database refuses it at run time.
    failingQuery: { model: 'ecommerce', view: 'users', fields: ['users.legacy_segment'] },
    loginUserId: DEMO_USER_IDS.viewer,
    refusedLoginUserId: flavor === 'core' ? DEMO_USER_IDS.admin : undefined,
    // Look 31 is in Marketing, outside Victor Viewer's folders.
    hidden: { userId: DEMO_USER_IDS.viewer, lookId: '31' },
    async stop() {
      await emulator.stop();
      await engine.close();
    },
  };
}
