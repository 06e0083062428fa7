/**
 * Which Looker user acts for a caller. With `LOOKER_IDENTITY=user`: callers mapped to Looker users,
 * their `login_user` tokens, one session per request. Else the service account's session for all.
 */
export {
  LookerUserRefusedError,
  perUserAccessUnavailable,
  unmappedCaller,
  unmappedMessage,
} from './looker-user-errors';
export {
  describePerUserAccess,
  perUserAccessLogLine,
  probePerUserAccess,
  type PerUserCapabilities,
  type PerUserReport,
  type LookerFlavor,
} from './per-user-probe';
export {
  createUserSessionProvider,
  type UserSessionProvider,
  type UserSessionProviderOptions,
} from './user-session-provider';
export { lookerUserTarget, mappingKey, type LookerUserTarget, type UserMappingOptions } from './user-target';
export {
  createLookerSessionSource,
  type LookerSessionSource,
  type LookerSessionSourceOptions,
} from './looker-session-source';
