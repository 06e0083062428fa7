/**
 * How a request ended, as the audit trail records it. `refused`: turned away before its operation
 * ran (bad body, CSRF, batching, limits), with a `reason`.
 */
export type AuditOutcome = 'ok' | 'partial' | 'error' | 'unauthenticated' | 'refused';

/** Which door an operation came through: GraphQL over HTTP, or a tool of the MCP server. */
export type AuditChannel = 'graphql' | 'mcp';

/** A field the caller was denied, and what would have allowed it. */
export interface DeniedField {
  /** Response path, e.g. `looks.nodes.0.result`. */
  readonly path: string;
  readonly requiredScopes: readonly (readonly string[])[];
}

/**
 * One audit event per request to the GraphQL endpoint: who asked, what they asked, what was
 * denied, and which Looker resources the answer touched. Never carries a token, a credential or
 * result data.
 */
export interface AuditEvent {
  readonly type: 'graphql.operation';
  /** Which door the operation came through: `/graphql`, or an MCP tool (absent on refusals before an operation ran). */
  readonly channel?: AuditChannel;
  /** The MCP tool that ran the operation, on `channel: "mcp"` events. */
  readonly tool?: string;
  readonly time: string;
  readonly requestId: string;
  readonly subject: string | null;
  readonly clientId: string | null;
  /** The scopes the caller held (the token's and the policy's), by name; absent without a verified token. */
  readonly scopes?: readonly string[];
  /** Scopes the operation's `@auth` checks relied on (see `AuthContext.scopesUsed`), for access reviews. */
  readonly scopesUsed?: readonly string[];
  /** The policy rules that matched the caller (their names, or `rules[2]`). */
  readonly rules?: readonly string[];
  /** Titles of the looks and dashboards the operation read, by resource (`look:12`), at most 100: for access reviews. */
  readonly titles?: Readonly<Record<string, string>>;
  /** Row filters the policy forced on the operation's queries: the field and how many values it allowed (never the values). */
  readonly rowFilters?: readonly { readonly field: string; readonly values: number }[];
  /** The Looker user the calls acted as (per-user mode); null for the service account. */
  readonly lookerUser: string | null;
  readonly operationName: string | null;
  /** SHA-256 of the query document, to group identical operations without storing their text. */
  readonly documentHash: string | null;
  readonly outcome: AuditOutcome;
  /**
   * Why the token was refused, on unauthenticated requests (`expired`, `signature`, `missing`, …).
   * Why the request was refused, on refused ones (`malformed_json`, `body_too_large`, `csrf`, …).
   */
  readonly reason?: string;
  /** The HTTP status of the answer. */
  readonly status: number;
  readonly denied: readonly DeniedField[];
  /** Error codes in the answer, e.g. `LOOKER_UNAVAILABLE`, with their counts. */
  readonly errors: Readonly<Record<string, number>>;
  /** Looker resources read: `look:12`, `dashboard:3`, `explore:ecommerce/order_items`, `query:…`. */
  readonly resources: readonly string[];
  /** HTTP requests made to Looker for this operation (logins included). */
  /** Result rows this operation read: from Looker's runs and from the cache. */
  readonly rows?: number;
  readonly lookerCalls: number;
  /** Looker answers served from the shared cache (or shared with a concurrent request) instead of a call of this request's own. */
  readonly cacheHits: number;
  readonly durationMs: number;
}

/**
 * One audit event per request to `/exports/…`, refused ones included: who downloaded what, in
 * which format, and what it cost Looker. Never carries the link, a token or result data.
 */
export interface ExportAuditEvent {
  readonly type: 'export';
  readonly time: string;
  readonly requestId: string;
  readonly subject: string | null;
  readonly clientId: string | null;
  /** The scopes the caller held (the token's and the policy's), by name; absent without a verified token. */
  readonly scopes?: readonly string[];
  /** The Looker user the run acted as (per-user mode); null for the service account. */
  readonly lookerUser: string | null;
  /** What the link exports (`look:12`, `dashboard:3/tile:7`); null when the link did not open. */
  readonly resource: string | null;
  /** The look's or tile's title, as the file is named (content metadata the caller may read), on downloads that ran. */
  readonly title?: string;
  /** Data rows in the file (CSV and JSON; not counted for XLSX), on downloads that ran. */
  readonly rows?: number;
  /** `CSV`, `XLSX` or `JSON`; null when the link did not open. */
  readonly format: string | null;
  readonly outcome: AuditOutcome;
  /** Why it was refused or failed: the token's reason, `invalid_link`, `expired_link`, `other_subject`, `forbidden`, or an error code in lower case. */
  readonly reason?: string;
  readonly status: number;
  /** Looker resources read. */
  readonly resources: readonly string[];
  /** HTTP requests made to Looker for this download (logins included). */
  readonly lookerCalls: number;
  readonly durationMs: number;
}

/**
 * One audit event per request to an operator route (`POST /admin/cache/flush`), refused ones
 * included: what was asked, from which address, and how it ended. Never carries the credential.
 */
export interface OperatorAuditEvent {
  readonly type: 'operator';
  readonly time: string;
  readonly requestId: string;
  /** The operator action, e.g. `cache.flush`. */
  readonly action: string;
  /** The peer address the request came from (a load balancer's, behind one). */
  readonly remoteAddress: string | null;
  readonly outcome: 'ok' | 'unauthenticated' | 'refused' | 'error';
  /** Why it was refused: `bad_credential`, `rate_limited`. */
  readonly reason?: string;
  readonly status: number;
}

/** Every kind of event the audit trail holds. */
export type AuditTrailEvent = AuditEvent | ExportAuditEvent | OperatorAuditEvent | WriteAuditEvent;

/** A value before and after a write. */
export interface ChangedValue {
  readonly old: unknown;
  readonly new: unknown;
}

/**
 * One audit event per write (each mutation field that changes Looker, dry runs and refusals
 * included), beside its operation's `graphql.operation` event: what was (or would be) changed,
 * by whom, through which door. Never carries a token, the idempotency key itself or result data.
 */
export interface WriteAuditEvent {
  readonly type: 'write';
  readonly time: string;
  readonly requestId: string;
  readonly subject: string | null;
  readonly clientId: string | null;
  /** The Looker user the write acted as (per-user mode); null for the service account. */
  readonly lookerUser: string | null;
  readonly channel: AuditChannel;
  /** The MCP tool, on `channel: "mcp"` events. */
  readonly tool?: string;
  /** The mutation: `createLook`, `addDashboardTile`, … */
  readonly mutation: string;
  /** The content written (`look:12`, `dashboard:3`, `dashboard_element:40`, `scheduled_plan:5`, `folder:7`). */
  readonly resources: readonly string[];
  /** What changed, by field (`title`, `folder_id`, `deleted`, `tiles_added`, `tiles_removed`, `destinations`, …). */
  readonly change: Readonly<Record<string, ChangedValue>>;
  readonly dryRun: boolean;
  /** SHA-256 of the caller's `idempotencyKey` (base64url), when one was sent. */
  readonly idempotencyKeyHash: string | null;
  /** True when an earlier create with the same key answered and nothing was written. */
  readonly replayed: boolean;
  /** `ok`; `refused` (scope, policy, bounds, rate, before any write); `error` (Looker refused or failed). */
  readonly outcome: 'ok' | 'refused' | 'error';
  /** Why it did not succeed: the error code, lower case (`forbidden`, `bad_user_input`, `conflict`, …). */
  readonly reason?: string;
  /** The policy rule a refusal names, or the rules whose grant allowed the write. */
  readonly rules?: readonly string[];
  /** Looker calls the write made (its checks' reads included). */
  readonly lookerCalls: number;
}
