import { Looker40SDK } from '@looker/sdk';
import type { HttpMethod, IAuthSession, ITransportSettings, SDKResponse, Values } from '@looker/sdk-rtl';

/**
 * A Looker40SDK whose every call first awaits `prepare` (e.g. finding the caller's Looker user and
 * token). It runs before the transport on purpose: the transport turns anything thrown while
 * authenticating into an anonymous "SDK error" answer, whereas a rejection here reaches our call
 * wrapper unchanged, so a `LookerError` such as FORBIDDEN keeps its code and message.
 */
export class PreparedLooker40SDK extends Looker40SDK {
  readonly #prepare: (settings: Partial<ITransportSettings> | undefined) => Promise<void>;

  constructor(session: IAuthSession, prepare: (settings: Partial<ITransportSettings> | undefined) => Promise<void>) {
    super(session);
    this.#prepare = prepare;
  }

  override async authRequest<TSuccess, TError>(
    method: HttpMethod,
    path: string,
    queryParams?: Values,
    body?: unknown,
    options?: Partial<ITransportSettings>,
  ): Promise<SDKResponse<TSuccess, TError>> {
    await this.#prepare(options);
    return super.authRequest<TSuccess, TError>(method, path, queryParams, body, options);
  }

  override async authStream<T>(
    callback: (response: Response) => Promise<T>,
    method: HttpMethod,
    path: string,
    queryParams?: Values,
    body?: unknown,
    options?: Partial<ITransportSettings>,
  ): Promise<T> {
    await this.#prepare(options);
    return super.authStream(callback, method, path, queryParams, body, options);
  }
}
