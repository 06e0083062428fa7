import type { ChangedValue } from '../audit/audit-event';
import { badUserInput } from '../input/arguments';
import { LookerError } from '../looker/errors';

/** Old and new values by field, keeping only those that change. */
export function changes(pairs: Readonly<Record<string, readonly [unknown, unknown]>>): Record<string, ChangedValue> {
  const out: Record<string, ChangedValue> = {};
  for (const [field, [before, after]] of Object.entries(pairs)) {
    if (after === undefined) continue;
    if (JSON.stringify(before ?? null) === JSON.stringify(after)) continue;
    out[field] = { old: before ?? null, new: after };
  }
  return out;
}

/** Old and new values of the fields of `body` that `before` knows, keeping only those that change. */
export function changesFrom(
  before: Readonly<Record<string, unknown>>,
  body: Readonly<Record<string, unknown>>,
): Record<string, ChangedValue> {
  return changes(
    Object.fromEntries(
      Object.entries(body)
        .filter(([k]) => k in before)
        .map(([k, v]) => [k, [before[k], v]]),
    ),
  );
}

/** What a write changes must exist for this caller: BAD_USER_INPUT naming the argument otherwise. */
export function requireFound<T>(value: T | null | undefined, argumentName: string, what: string): T {
  if (value === null || value === undefined)
    throw badUserInput(argumentName, `Argument "${argumentName}": no ${what} that this caller can see.`);
  return value;
}

/** Looker's 404 as null: the checks then say which argument names nothing. */
export function nullIfNotFound(error: unknown): null {
  if (error instanceof LookerError && error.code === 'NOT_FOUND') return null;
  throw error;
}
