import type { GraphQLFormattedError } from 'graphql';
import type { AuditEvent } from '../audit/audit-event';
import type { Principal } from '../auth/principal';
import type { LookerUserRef } from '../policy';
import type { SharedBudget } from './shared-budget';

/** Who calls a tool: a verified principal, as the HTTP front or the stdio entry established it. */
export interface McpCaller {
  readonly principal: Principal;
  readonly lookerUser: LookerUserRef | undefined;
  /** Correlates the audit event and logs (the HTTP request's `x-request-id`). */
  readonly requestId: string;
  /** The Looker budget the caller's tool calls share (one HTTP request's); without it, each call has the configured one. */
  readonly budget?: SharedBudget;
  /** Aborts when the HTTP client went away before its answer: the tools' Looker work stops. */
  readonly signal?: AbortSignal;
}

/** What one operation answered, as a GraphQL client would see it (errors formatted and masked). */
export interface OperationOutcome {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLFormattedError[];
}

/**
 * What the MCP server needs of the subgraph:
 * - run an operation in process as a caller, through the same schema, plugins, loaders, caches and
 *   limits as `/graphql`;
 * - verify a bearer token with the same verifier and policy;
 * - write audit events for calls refused before an operation ran.
 */
export interface McpBackend {
  run(caller: McpCaller, tool: string, document: string, variables: Record<string, unknown>): Promise<OperationOutcome>;
  /** Verifies an `Authorization` header value and applies the policy; throws what the verifier throws. */
  verify(authorization: string): Promise<{ principal: Principal; lookerUser?: LookerUserRef }>;
  audit(event: AuditEvent): void;
}
