/** How an operation ended, as the audit trail records it. */
export type AuditOutcome = 'ok' | 'partial' | 'error' | 'unauthenticated';

/** A field the caller was denied, and what would have allowed it. */
export interface DeniedField {
  /** Response path, e.g. `looks.nodes.0.result`. */
  readonly path: string;
  readonly requiredScopes: readonly (readonly string[])[];
}

/**
 * One audit event per GraphQL operation: who asked, what they asked, what was denied, and which
 * Looker resources the answer touched. Never carries a token, a credential or result data.
 */
export interface AuditEvent {
  readonly type: 'graphql.operation';
  readonly time: string;
  readonly requestId: string;
  readonly subject: string | null;
  readonly clientId: string | null;
  /** The Looker user the calls acted as (per-user mode); null for the service account. */
  readonly lookerUser: string | null;
  readonly operationName: string | null;
  /** SHA-256 of the query document, to group identical operations without storing their text. */
  readonly documentHash: string | null;
  readonly outcome: AuditOutcome;
  /** Why the token was refused (`expired`, `signature`, `missing`, …), for unauthenticated requests. */
  readonly reason?: string;
  readonly denied: readonly DeniedField[];
  /** Error codes in the answer, e.g. `LOOKER_UNAVAILABLE`, with their counts. */
  readonly errors: Readonly<Record<string, number>>;
  /** Looker resources read: `look:12`, `dashboard:3`, `explore:ecommerce/order_items`, `query:…`. */
  readonly resources: readonly string[];
  /** HTTP requests made to Looker for this operation (logins included). */
  readonly lookerCalls: number;
  readonly durationMs: number;
}
