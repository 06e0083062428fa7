import { Looker40SDK } from '@looker/sdk';
import { AuthSession, type IRequestProps } from '@looker/sdk-rtl';
import { AbortableTransport } from '../../../src/looker/transport';
import { adminSdk, ok } from '../../support/looker-sdk';
import { testLookerSecret } from '../../support/subgraph-stack';

/** A plain SDK session holding one token: what a hand-written client acting as a user would do. */
class FixedTokenSession extends AuthSession {
  constructor(
    sdk: Looker40SDK,
    private readonly token: string,
  ) {
    super(sdk.authSession.settings, new AbortableTransport(sdk.authSession.settings));
  }

  override isAuthenticated(): boolean {
    return true;
  }

  override async authenticate(props: IRequestProps): Promise<IRequestProps> {
    props.headers.Authorization = `token ${this.token}`;
    return props;
  }

  override async getToken(): Promise<string> {
    return this.token;
  }
}

/** The SDK acting as one Looker user, by the admin's `login_user`, independent of the subgraph's code. */
export async function sdkActingAs(baseUrl: string, userId: string): Promise<Looker40SDK> {
  const admin = adminSdk(baseUrl, testLookerSecret);
  const { access_token: token } = await ok(admin.login_user(userId));
  if (!token) throw new Error('login_user returned no token');
  return new Looker40SDK(new FixedTokenSession(admin, token));
}

/** The ids of every look a Looker user sees, asked of Looker directly, sorted. */
export async function lookIdsSeenBy(baseUrl: string, userId: string): Promise<string[]> {
  const sdk = await sdkActingAs(baseUrl, userId);
  const looks = await ok(sdk.search_looks({ fields: 'id', limit: 1000 }));
  return looks.map((l) => String(l.id)).sort();
}
