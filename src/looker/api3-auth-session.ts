import type { AuthToken, IRequestProps } from '@looker/sdk-rtl';
import { NodeSession } from '@looker/sdk-node';
import { attemptOf, type CallAttempt } from './call-scope';
import { statusFromDocumentationUrl } from './errors';
import type { LookerCredentials } from './looker-credentials';
import { AbortableTransport } from './transport';
import type { ConfiguredSettings } from './settings';

/**
 * Answers Looker gives a login whose credentials it does not accept: 404 for wrong API3
 * credentials (Looker's own answer); 401 and 403 are taken the same way.
 */
const refusedLoginStatuses = new Set([401, 403, 404]);

/**
 * The API3 (service account) session. The SDK's NodeSession logs in once per caller when many
 * calls start together (it has no single-flight login); this one shares a single in-flight login among them. Each
 * login first picks up rotated credential files, and a login Looker refuses re-reads them and
 * tries once more, since a secrets manager may have rotated them after the check.
 */
export class Api3AuthSession extends NodeSession {
  #login: Promise<unknown> | undefined;
  /** Counts logins: tells a 401 to a token already replaced from one to the current token. */
  #generation = 0;
  readonly #credentials: LookerCredentials;

  constructor(settings: ConfiguredSettings) {
    super(settings, new AbortableTransport(settings));
    this.#credentials = settings.credentials;
  }

  override async getToken(): Promise<AuthToken> {
    if (!this.isAuthenticated()) await this.#sharedLogin(undefined);
    return this.activeToken;
  }

  /**
   * Authenticates as the SDK does, noting on the call attempt (carried by the request props) which
   * login's token it carries. A login this needs belongs to that attempt: its request is counted
   * with it, traced under it and aborted with it, as the attempt's own requests are.
   */
  override async authenticate(props: IRequestProps): Promise<IRequestProps> {
    const attempt = attemptOf(props);
    if (!this.isAuthenticated()) await this.#sharedLogin(attempt);
    const authenticated = await super.authenticate(props);
    if (attempt) attempt.sessionGeneration = this.#generation;
    return authenticated;
  }

  /** One login in flight at a time, shared by every call that needs it (the first one's attempt carries it). */
  #sharedLogin(attempt: CallAttempt | undefined): Promise<unknown> {
    this.#login ??= this.#loginFor(attempt)
      .then(() => {
        this.#generation += 1;
      })
      .finally(() => {
        this.#login = undefined;
      });
    return this.#login;
  }

  async #loginFor(attempt: CallAttempt | undefined): Promise<void> {
    const transport = this.transport as AbortableTransport;
    transport.loginAttempt = attempt;
    try {
      await this.#loginWithCurrentCredentials();
    } finally {
      transport.loginAttempt = undefined;
    }
  }

  /**
   * Forgets the token after Looker answered 401 to it, so the next call logs in again. Given the
   * generation of the token that was refused, a token since replaced is left alone: calls that
   * were refused together must not throw away the one fresh token their first retry logged in for.
   */
  invalidate(generation?: number): void {
    if (generation !== undefined && generation !== this.#generation) return;
    this.reset();
  }

  async #loginWithCurrentCredentials(): Promise<void> {
    await this.#credentials.refresh();
    try {
      await this.login();
    } catch (error) {
      const status = statusFromDocumentationUrl(error);
      // Retry only when the files now hold something else. The same credentials would be refused
      // again, and a second identical login is one more request Looker must reject.
      if (
        status === undefined ||
        !refusedLoginStatuses.has(status) ||
        !(await this.#credentials.refresh({ reread: true }))
      )
        throw error;
      await this.login();
    }
  }
}
