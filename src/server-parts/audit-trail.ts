import type { Logger as PinoLogger } from 'pino';
import { createAuditSink } from '../audit/audit-sink';
import type { Config } from '../config';
import { authOf, createRequestAudit, type RequestAudit } from '../http';

/** Where audit events go, and the audit record of each `/graphql` request. */
export interface AuditTrail {
  readonly sink: PinoLogger;
  readonly requestAudit: RequestAudit;
}

/**
 * The sink given (tests, the demo), else `AUDIT_LOG` (a file) or standard output. Every request to
 * /graphql leaves one audit event, those refused before Apollo runs included.
 */
export function auditTrail(config: Config, given: PinoLogger | undefined): AuditTrail {
  const sink = given ?? createAuditSink({ file: config.auditLog, hmacKey: config.auditHmacKey });
  const requestAudit = createRequestAudit({ sink, callerOf: (res) => authOf(res).principal });
  return { sink, requestAudit };
}
