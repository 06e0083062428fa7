/**
 * The parts `buildServer` wires, each built from the configuration or taken as given by tests and
 * the demo. They are: Looker sessions, what the replicas share, Looker admission, the policy, the
 * request context's parts, the audit trail, the caller check, readiness, trusted documents, and
 * the `/mcp` and `/exports` doors.
 */
export { auditTrail, type AuditTrail } from './audit-trail';
export { callerCheck, type CallerCheck } from './caller-check';
export { exportDoor } from './export-door';
export { lookerAdmission } from './looker-admission';
export { lookerSessions } from './looker-sessions';
export { mcpDoor } from './mcp-door';
export { policyInForce, type PolicyInForce } from './policy-in-force';
export { requestContextDeps, type RequestContextParts } from './request-context-deps';
export { ServerReadiness } from './server-readiness';
export { sharedParts, type SharedParts } from './shared-parts';
export { trustedDocumentsInForce, type TrustedDocumentsParts } from './trusted-documents-in-force';
