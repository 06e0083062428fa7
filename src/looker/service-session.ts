import type { AuthToken } from '@looker/sdk-rtl';
import { NodeSession } from '@looker/sdk-node';
import { AbortableTransport } from './transport';
import type { ConfiguredSettings } from './settings';

/**
 * The API3 (service account) session. The SDK's NodeSession logs in once per caller when many
 * calls start together (design §7); this one shares a single in-flight login among them.
 */
export class ServiceSession extends NodeSession {
  #login: Promise<unknown> | undefined;

  constructor(settings: ConfiguredSettings) {
    super(settings, new AbortableTransport(settings));
  }

  override async getToken(): Promise<AuthToken> {
    if (!this.isAuthenticated()) {
      this.#login ??= this.login().finally(() => {
        this.#login = undefined;
      });
      await this.#login;
    }
    return this.activeToken;
  }

  /** Forgets the token, e.g. after Looker answered 401 to it, so the next call logs in again. */
  invalidate(): void {
    this.reset();
  }
}
