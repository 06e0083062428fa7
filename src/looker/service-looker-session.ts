import { Looker40SDK } from '@looker/sdk';
import type { Config } from '../config';
import type { LookerSession } from './looker-session';
import { ServiceSession } from './service-session';
import { ConfiguredSettings } from './settings';

/** The API3 service-account session shared by every request in service mode. */
export function createServiceLookerSession(looker: Pick<Config['looker'], 'baseUrl' | 'clientId' | 'clientSecret' | 'verifySsl' | 'timeoutMs'>): LookerSession & { session: ServiceSession } {
  const session = new ServiceSession(new ConfiguredSettings(looker));
  return { sdk: new Looker40SDK(session), lookerUserId: undefined, session, invalidate: () => session.invalidate() };
}
