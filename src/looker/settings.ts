import { DefaultSettings, type IApiSection } from '@looker/sdk-rtl';
import { NodeSettings } from '@looker/sdk-node';
import type { Secret } from '../secret';

/**
 * NodeSettings reads credentials only from the environment (design §7). Our configuration is
 * validated once in `config.ts`, so this subclass hands the SDK exactly those values instead.
 * The env prefix is one nothing sets, so the SDK sees no stray `LOOKERSDK_*` overrides.
 */
export class ConfiguredSettings extends NodeSettings {
  readonly #clientId: string;
  readonly #clientSecret: Secret;

  constructor(options: { baseUrl: string; clientId: string; clientSecret: Secret; verifySsl: boolean; timeoutMs: number }) {
    super('LOOKER_SUBGRAPH_SDK_UNSET_', {
      ...DefaultSettings(),
      base_url: options.baseUrl,
      // `verify_ssl: false` makes the SDK set NODE_TLS_REJECT_UNAUTHORIZED=0 for the whole
      // process on every call; it stays true unless the operator explicitly turned it off.
      verify_ssl: options.verifySsl,
      timeout: Math.ceil(options.timeoutMs / 1000),
      agentTag: 'looker-subgraph',
    });
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
  }

  override readConfig(): IApiSection {
    return { client_id: this.#clientId, client_secret: this.#clientSecret.reveal() };
  }
}
