import { LookerError, type LookerErrorCode } from '../errors';
import { shortened } from './shortened';

export { LookerError, type LookerErrorCode };

/** A Looker validation error detail (`ValidationErrorDetail`). */
interface ValidationDetail {
  field?: unknown;
  message?: unknown;
}

/** Extracts the HTTP status from Looker's `documentation_url` (`…/err/4.0/<status>/<method>/<path>`). */
export function statusFromDocumentationUrl(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const url = (error as { documentation_url?: unknown }).documentation_url;
  if (typeof url !== 'string') return undefined;
  const match = /\/err\/[\d.]+\/(\d{3})\//.exec(url);
  return match ? Number(match[1]) : undefined;
}

/** How many of Looker's field details a message repeats (each cut by {@link shortened}). */
const maxEchoedFields = 10;

/**
 * One field Looker named in a 400/422 answer, and what it said about it, whole: a message may echo
 * a long value before its reason, so whoever shows it shortens the echo, then the whole.
 */
export interface RejectedField {
  readonly field: string;
  readonly message: string;
}

/**
 * A request Looker refused as invalid (HTTP 400/422): BAD_USER_INPUT, with the fields it named,
 * so a caller that knows where a field's value came from (a dashboard filter) can say so.
 */
export class LookerRejection extends LookerError {
  constructor(
    message: string,
    operation: string,
    status: number,
    /** The first {@link maxEchoedFields} fields Looker named; never shown as they are. */
    readonly rejected: readonly RejectedField[],
  ) {
    super('BAD_USER_INPUT', message, operation, status);
  }
}

/** The field details of a 400/422 answer. */
function rejectedFields(error: unknown): RejectedField[] {
  if (typeof error !== 'object' || error === null) return [];
  const details = (error as { errors?: unknown }).errors;
  if (!Array.isArray(details)) return [];
  return details
    .map((d: ValidationDetail) => ({
      field: typeof d.field === 'string' ? d.field : '',
      message: typeof d.message === 'string' ? d.message : '',
    }))
    .filter((d) => d.field || d.message);
}

/**
 * The details as a message, so the client learns which argument was wrong: the first
 * {@link maxEchoedFields}, each cut at a word boundary, then "and N more" — the echo stays small
 * whatever the caller sent, and Looker's reason after an echoed value stays readable.
 */
function detailText(rejected: readonly RejectedField[]): string {
  const shown = rejected
    .slice(0, maxEchoedFields)
    .map((d) => shortened([d.field, d.message].filter(Boolean).join(': ')));
  const more = rejected.length - shown.length;
  return (more > 0 ? [...shown, `and ${more} more`] : shown).join('; ');
}

/** Classifies a failed call from its HTTP status (undefined: no answer at all). */
export function classifyFailure(
  operation: string,
  status: number | undefined,
  error: unknown,
  timedOut: boolean,
): LookerError {
  if (timedOut) return new LookerError('LOOKER_UNAVAILABLE', `Looker did not answer in time (${operation})`, operation);
  if (status === undefined)
    return new LookerError('LOOKER_UNAVAILABLE', `Looker could not be reached (${operation})`, operation);
  if (status === 404) return new LookerError('NOT_FOUND', `Not found in Looker (${operation})`, operation, status);
  if (status === 403) return new LookerError('FORBIDDEN', `Looker refused access (${operation})`, operation, status);
  if (status === 400 || status === 422) {
    const rejected = rejectedFields(error);
    const detail = rejected.length > 0 ? `: ${detailText(rejected)}` : '';
    return new LookerRejection(
      `Looker rejected the request${detail}`,
      operation,
      status,
      rejected.slice(0, maxEchoedFields),
    );
  }
  if (status === 429)
    return new LookerError('LOOKER_RATE_LIMITED', `Looker is rate limiting requests (${operation})`, operation, status);
  if (status >= 500)
    return new LookerError(
      'LOOKER_UNAVAILABLE',
      `Looker is unavailable (${operation}, HTTP ${status})`,
      operation,
      status,
    );
  return new LookerError(
    'INTERNAL_SERVER_ERROR',
    `Looker call failed (${operation}, HTTP ${status})`,
    operation,
    status,
  );
}

/**
 * For a query taken from content the user can see, Looker's 404 means the user may not run it (its
 * model is outside their model set): FORBIDDEN, not "not found". Other errors pass unchanged.
 */
export function notRunnableAsForbidden(operation: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof LookerError && error.code === 'NOT_FOUND') {
      throw new LookerError('FORBIDDEN', 'Looker does not allow this user to run this query', operation, 404);
    }
    throw error;
  };
}
