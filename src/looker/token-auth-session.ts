import { AuthSession, type IApiSettings, type IRequestProps, type ITransport } from '@looker/sdk-rtl';
import type { Secret } from '../config/secret';

/**
 * An SDK auth session that authenticates with the access token it is handed and never logs in by
 * itself. Per-user mode gives each request one of these, holding that user's `login_user` token:
 * unlike sudo through `NodeSession.login(userId)` (shared per SDK instance, and silently the API
 * user again once the sudo token expires) it has no shared state to leak into
 * another request, and no path back to the API user's own token when the user's token expires.
 */
export class TokenAuthSession extends AuthSession {
  #token: Secret | undefined;

  constructor(settings: IApiSettings, transport: ITransport) {
    super(settings, transport);
  }

  /** Makes the session's next requests use `token`. */
  useToken(token: Secret): void {
    this.#token = token;
  }

  override isAuthenticated(): boolean {
    return this.#token !== undefined;
  }

  override async authenticate(props: IRequestProps): Promise<IRequestProps> {
    // Without a token the request leaves unauthenticated: Looker answers 401, never data.
    if (this.#token) props.headers.Authorization = `Bearer ${this.#token.reveal()}`;
    return props;
  }

  override async getToken(): Promise<Secret | undefined> {
    return this.#token;
  }

  override login(_sudoId?: string | number): Promise<never> {
    return Promise.reject(new Error('A token session never logs in by itself'));
  }

  override reset(): void {
    super.reset();
    this.#token = undefined;
  }
}
