import { LookerError, type LookerErrorCode } from '../errors';

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

/** How many of Looker's field details a message repeats, and how much of each. */
const maxEchoedFields = 10;
const maxEchoedLength = 100;

/** One detail, cut to {@link maxEchoedLength} characters: it echoes the caller's own input. */
function truncated(text: string): string {
  return text.length > maxEchoedLength ? `${text.slice(0, maxEchoedLength)}…` : text;
}

/**
 * Field names from a 422 answer, so the client learns which argument was wrong: the first
 * {@link maxEchoedFields}, each truncated, then "and N more" — the echo stays small whatever the
 * caller sent.
 */
function invalidFields(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const details = (error as { errors?: unknown }).errors;
  if (!Array.isArray(details)) return [];
  const named = details
    .map((d: ValidationDetail) => [d.field, d.message].filter((x) => typeof x === 'string').join(': '))
    .filter((s) => s.length > 0);
  const shown = named.slice(0, maxEchoedFields).map(truncated);
  return named.length > maxEchoedFields ? [...shown, `and ${named.length - maxEchoedFields} more`] : shown;
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
    const fields = invalidFields(error);
    const detail = fields.length > 0 ? `: ${fields.join('; ')}` : '';
    return new LookerError('BAD_USER_INPUT', `Looker rejected the request${detail}`, operation, status);
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
