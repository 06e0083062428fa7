import type { AuditEvent, AuditOutcome } from '../audit/audit-event';
import type { Principal } from '../auth/principal';

/**
 * The audit event of an MCP request that ended before any operation ran: a refused token, or a
 * tool call with arguments that do not fit its schema. Calls that run an operation are audited by
 * the audit plugin, as every GraphQL operation is.
 */
export function refusedMcpEvent(options: {
  requestId: string;
  principal: Principal | null;
  tool: string | undefined;
  outcome: AuditOutcome;
  reason: string;
  status: number;
  durationMs: number;
}): AuditEvent {
  return {
    type: 'graphql.operation',
    channel: 'mcp',
    ...(options.tool === undefined ? {} : { tool: options.tool }),
    time: new Date().toISOString(),
    requestId: options.requestId,
    subject: options.principal?.subject ?? null,
    clientId: options.principal?.clientId ?? null,
    ...(options.principal ? { scopes: [...options.principal.scopes].sort() } : {}),
    lookerUser: null,
    operationName: null,
    documentHash: null,
    outcome: options.outcome,
    reason: options.reason,
    status: options.status,
    denied: [],
    errors: {},
    resources: [],
    lookerCalls: 0,
    cacheHits: 0,
    durationMs: Math.round(options.durationMs * 10) / 10,
  };
}
