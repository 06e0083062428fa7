import { Looker40SDK } from '@looker/sdk';
import type { Config } from '../config';
import type { Logger } from '../observability/logger';
import type { LookerSession } from './looker-session';
import { Api3AuthSession } from './api3-auth-session';
import { ConfiguredSettings } from './settings';

/** The Looker settings the service session needs; credential files are optional. */
export type ServiceLookerSettings = Pick<
  Config['looker'],
  'baseUrl' | 'clientId' | 'clientSecret' | 'verifySsl' | 'timeoutMs'
> &
  Partial<Pick<Config['looker'], 'clientIdFile' | 'clientSecretFile'>>;

/**
 * The API3 service-account session shared by every request in service mode (and used for
 * `login_user` in per-user mode). `logger` hears of credential files being reloaded.
 */
export function createServiceLookerSession(
  looker: ServiceLookerSettings,
  logger?: Pick<Logger, 'info' | 'warn'>,
): LookerSession & { session: Api3AuthSession } {
  const session = new Api3AuthSession(new ConfiguredSettings({ ...looker, logger }));
  return {
    sdk: new Looker40SDK(session),
    lookerUserId: undefined,
    session,
    invalidate: (attempt) => session.invalidate(attempt?.sessionGeneration),
    identity: () => Promise.resolve('service'),
  };
}
