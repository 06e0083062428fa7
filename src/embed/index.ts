/** Signed Looker SSO embed URLs for dashboards and looks, per the policy file's `embed:` section. */
export { EmbedAttributeError, embedSsoParams, type EmbedTarget } from './embed-params';
export { embedUrlFor } from './embed-url';
