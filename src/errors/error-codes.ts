/**
 * Every error code this service answers with, in one place: the HTTP status of an answer that the
 * error ends (a field error inside a GraphQL answer still travels with 200), whether its message
 * was written for the client (else it is masked), and what it means. GraphQL errors, the HTTP
 * front's refusals, export downloads, MCP tool errors and the operator routes all take their codes
 * from here, and `docs/errors.md` is printed from it (`npm run docs:errors`).
 */
export const errorCodes = {
  UNAUTHENTICATED: {
    status: 401,
    clientSafe: true,
    meaning:
      'No valid access token: none sent, bad signature, expired, wrong issuer, audience or algorithm; or a wrong operator credential.',
  },
  FORBIDDEN: {
    status: 403,
    clientSafe: true,
    meaning:
      "The caller's scopes do not satisfy the field's `@auth` (`extensions.requiredScopes` names them), Looker refused this user, no Looker user maps to the caller, or an export link belongs to another caller.",
  },
  BAD_USER_INPUT: {
    status: 400,
    clientSafe: true,
    meaning:
      'Invalid arguments or variables: an unknown explore field, a malformed filter, a limit out of range; or Looker rejected the request as invalid.',
  },
  BAD_REQUEST: {
    status: 400,
    clientSafe: true,
    meaning:
      'The HTTP request itself is refused before GraphQL: not JSON (415), too large (413), malformed or batched (400).',
  },
  NOT_FOUND: {
    status: 404,
    clientSafe: true,
    meaning:
      'No such route or export link, or Looker has no such object for this user (a field reading it answers `null` instead).',
  },
  CONFLICT: {
    status: 409,
    clientSafe: true,
    meaning:
      'A create with this `idempotencyKey` is still running, or the key was used before with other input: wait and retry, or use a new key.',
  },
  FAILED_PRECONDITION: {
    status: 400,
    clientSafe: true,
    meaning:
      "The operation cannot work as this server is set up, e.g. favorites with `LOOKER_IDENTITY=service` (they would be the service account's, shared by every caller).",
  },
  EXPIRED: {
    status: 410,
    clientSafe: true,
    meaning: 'The export link has expired: ask `exportUrl` for a new one.',
  },
  RATE_LIMITED: {
    status: 429,
    clientSafe: true,
    meaning: 'Too many refused operator credentials from this address; `Retry-After` says when to try again.',
  },
  GRAPHQL_PARSE_FAILED: {
    status: 400,
    clientSafe: true,
    meaning: 'The document does not parse, has too many tokens, or nests too deep.',
  },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    clientSafe: true,
    meaning:
      'The document is not valid against the schema, breaks an operation limit, or would cost more Looker calls or rows than allowed (`extensions.cost`).',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: 400,
    clientSafe: true,
    meaning: 'The request names no operation of the document, or one it does not contain.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 200,
    clientSafe: true,
    meaning: 'Automatic persisted queries: the hash is unknown; send the document with it.',
  },
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: 200,
    clientSafe: true,
    meaning: 'Persisted queries are not supported by this server: send the document.',
  },
  PERSISTED_QUERY_NOT_IN_LIST: {
    status: 400,
    clientSafe: true,
    meaning:
      'Trusted documents are enforced: the request names no registered document (by `extensions.persistedQuery.sha256Hash` or `documentId`) and its text is not one; refused before parsing.',
  },
  LOOKER_UNAVAILABLE: {
    status: 503,
    clientSafe: true,
    meaning:
      'Looker timed out, could not be reached, answered 5xx after retries, or calls to it are paused; or the server is stopping.',
  },
  LOOKER_RATE_LIMITED: {
    status: 429,
    clientSafe: true,
    meaning: 'Looker answered 429 after retries, or this caller used up its share of Looker calls or query tasks.',
  },
  LOOKER_BUDGET_EXCEEDED: {
    status: 413,
    clientSafe: true,
    meaning: 'The request reached its budget of Looker calls or result rows, or an export is larger than allowed.',
  },
  LOOKER_QUERY_FAILED: {
    status: 422,
    clientSafe: true,
    meaning: "Looker ran the query and the database refused it (Looker's error rows).",
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    clientSafe: false,
    meaning: 'Anything else; the message is masked and the error logged by name only.',
  },
} as const satisfies Readonly<Record<string, ErrorCodeEntry>>;

/** One row of {@link errorCodes}. */
export interface ErrorCodeEntry {
  /** The HTTP status of an answer this error ends (its default where a layer names a closer one). */
  readonly status: number;
  /** Whether the error's message was written for the client and may be shown as is. */
  readonly clientSafe: boolean;
  /** One line of meaning, as `docs/errors.md` prints it. */
  readonly meaning: string;
}

/** A code this service answers with. */
export type ErrorCode = keyof typeof errorCodes;

/** Whether a value is one of {@link errorCodes}. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(errorCodes, value);
}

/** Whether an error with this code may show its message to the client; unknown codes may not. */
export function isClientSafe(code: unknown): boolean {
  return isErrorCode(code) && errorCodes[code].clientSafe;
}

/** The HTTP status of an answer that an error with this code ends. */
export function httpStatusOf(code: ErrorCode): number {
  return errorCodes[code].status;
}
