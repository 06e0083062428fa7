import { DefaultSettings, type IApiSection } from '@looker/sdk-rtl';
import { NodeSettings } from '@looker/sdk-node';
import { LookerCredentials, type LookerCredentialsOptions } from './looker-credentials';

/** What the service account's SDK settings are built from: Looker's address and the API3 credentials (and their files). */
export interface ConfiguredSettingsOptions extends LookerCredentialsOptions {
  readonly baseUrl: string;
  readonly verifySsl: boolean;
  readonly timeoutMs: number;
}

/**
 * The SDK's NodeSettings reads credentials only from `LOOKERSDK_*` environment variables. Ours are
 * validated once in `config.ts`, so this subclass hands the SDK exactly those values instead —
 * from `credentials`, which follows credential files a secrets manager rotates.
 * The env prefix is one nothing sets, so the SDK sees no stray `LOOKERSDK_*` overrides.
 */
export class ConfiguredSettings extends NodeSettings {
  /** The API3 credentials; `Api3AuthSession` refreshes them before each login. */
  readonly credentials: LookerCredentials;

  constructor(options: ConfiguredSettingsOptions) {
    super('LOOKER_SUBGRAPH_SDK_UNSET_', {
      ...DefaultSettings(),
      base_url: options.baseUrl,
      // Read by our transport, which turns certificate checks off for Looker's connections only.
      // The SDK's own would set NODE_TLS_REJECT_UNAUTHORIZED=0 for the whole process.
      verify_ssl: options.verifySsl,
      timeout: Math.ceil(options.timeoutMs / 1000),
      agentTag: 'looker-subgraph',
    });
    this.credentials = new LookerCredentials(options);
  }

  /** The SDK calls this at each login, and only there. */
  override readConfig(): IApiSection {
    const { clientId, clientSecret } = this.credentials.current();
    return { client_id: clientId, client_secret: clientSecret.reveal() };
  }
}
