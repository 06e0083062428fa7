import type { AuthToken } from '@looker/sdk-rtl';
import { NodeSession } from '@looker/sdk-node';
import { statusFromDocumentationUrl } from './errors';
import type { LookerCredentials } from './looker-credentials';
import { AbortableTransport } from './transport';
import type { ConfiguredSettings } from './settings';

/**
 * Answers Looker gives a login whose credentials it does not accept: 404 for wrong API3
 * credentials (design §7); 401 and 403 are taken the same way.
 */
const refusedLoginStatuses = new Set([401, 403, 404]);

/**
 * The API3 (service account) session. The SDK's NodeSession logs in once per caller when many
 * calls start together (design §7); this one shares a single in-flight login among them. Each
 * login first picks up rotated credential files, and a login Looker refuses re-reads them and
 * tries once more, since a secrets manager may have rotated them after the check.
 */
export class ServiceSession extends NodeSession {
  #login: Promise<unknown> | undefined;
  readonly #credentials: LookerCredentials;

  constructor(settings: ConfiguredSettings) {
    super(settings, new AbortableTransport(settings));
    this.#credentials = settings.credentials;
  }

  override async getToken(): Promise<AuthToken> {
    if (!this.isAuthenticated()) {
      this.#login ??= this.#loginWithCurrentCredentials().finally(() => {
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

  async #loginWithCurrentCredentials(): Promise<void> {
    await this.#credentials.refresh();
    try {
      await this.login();
    } catch (error) {
      const status = statusFromDocumentationUrl(error);
      // Retry only when the files now hold something else: the same credentials would be
      // refused again, and a second identical login is one more request Looker must reject.
      if (status === undefined || !refusedLoginStatuses.has(status) || !(await this.#credentials.refresh({ reread: true }))) throw error;
      await this.login();
    }
  }
}
