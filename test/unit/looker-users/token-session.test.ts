import { Looker40SDK } from '@looker/sdk';
import type { IRequestProps } from '@looker/sdk-rtl';
import { PreparedLooker40SDK } from '../../../src/looker/prepared-sdk';
import { ConfiguredSettings } from '../../../src/looker/settings';
import { TokenAuthSession } from '../../../src/looker/token-auth-session';
import { AbortableTransport } from '../../../src/looker/transport';
import { LookerError } from '../../../src/looker/errors';
import { Secret } from '../../../src/config/secret';

// Nothing listens here: any request that did leave would fail, not answer.
const settings = new ConfiguredSettings({
  baseUrl: 'http://127.0.0.1:9',
  clientId: 'id',
  clientSecret: new Secret('s'),
  verifySsl: true,
  timeoutMs: 1_000,
});
const props = (): IRequestProps => ({ url: 'http://x', method: 'GET', headers: {} }) as IRequestProps;

test('a token session authenticates with the token it holds, and with nothing before', async () => {
  const session = new TokenAuthSession(settings, new AbortableTransport(settings));
  expect((await session.authenticate(props())).headers.Authorization).toBeUndefined();
  session.useToken(new Secret('user-token'));
  expect(session.isAuthenticated()).toBe(true);
  expect((await session.authenticate(props())).headers.Authorization).toBe('Bearer user-token');
  session.reset();
  expect(session.isAuthenticated()).toBe(false);
});

test('a token session never logs in by itself, as the API user or anyone', async () => {
  const session = new TokenAuthSession(settings, new AbortableTransport(settings));
  await expect(session.login()).rejects.toThrow('never logs in');
  await expect(session.login('2')).rejects.toThrow('never logs in');
});

test('a prepared SDK rejects with the preparation’s own error, before any request leaves', async () => {
  const session = new TokenAuthSession(settings, new AbortableTransport(settings));
  const refusal = new LookerError('FORBIDDEN', 'No Looker user is mapped to this identity', 'map_looker_user');
  const sdk: Looker40SDK = new PreparedLooker40SDK(session, () => Promise.reject(refusal));
  await expect(sdk.search_looks({})).rejects.toBe(refusal);
});
