/** Per-user Looker identity: callers → Looker users, their `login_user` tokens, one session per request. */
export { IdentityRefusedError, identityMisconfigured, unmappedIdentity, unmappedMessage } from './identity-errors';
export {
  describeIdentity,
  identityLogLine,
  probeIdentity,
  type IdentityCapabilities,
  type IdentityReport,
  type LookerFlavor,
} from './identity-probe';
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
