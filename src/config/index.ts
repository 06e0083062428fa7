/** Configuration: the zod schema of every setting, read once from the environment; secrets kept out of logs. */
export {
  ConfigError,
  demoAudience,
  demoLookerCredentials,
  envSchema,
  loadAuditHmacKey,
  loadConfig,
  type Config,
  type LookerIdentity,
} from './config';
export { portConflict, portProblem, type PortSetting } from './port-conflict';
export { projectRoot } from './project-root';
export { Secret } from './secret';
