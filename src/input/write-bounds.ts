import { badUserInput, boundedList, boundedText } from './arguments';

/** Most characters of a look's, dashboard's, tile's, filter's or schedule's title or name. */
export const maxTitleLength = 255;
/** Most characters of a description. */
export const maxDescriptionLength = 2_000;
/** Most characters of a `visConfig` as JSON, and of a text tile's body. */
export const maxVisConfigLength = 20_000;
/** Most characters of an `idempotencyKey`. */
export const maxIdempotencyKeyLength = 200;
/** Most destinations of one schedule. */
export const maxScheduleDestinations = 10;
/** Most filters a tile listens to. */
export const maxTileListens = 50;

/** A title or name: trimmed, not empty, at most {@link maxTitleLength} characters. */
export function writeTitle(argumentName: string, value: string): string {
  const title = boundedText(argumentName, value, maxTitleLength).trim();
  if (title === '') throw badUserInput(argumentName, `Argument "${argumentName}" must not be empty.`);
  return title;
}

/** An optional description, at most {@link maxDescriptionLength} characters. */
export function writeDescription(argumentName: string, value: string | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : boundedText(argumentName, value, maxDescriptionLength);
}

/** A `visConfig`: a JSON object of at most {@link maxVisConfigLength} characters. */
export function writeVisConfig(
  argumentName: string,
  value: Record<string, unknown> | null | undefined,
): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return undefined;
  const length = JSON.stringify(value).length;
  if (length > maxVisConfigLength)
    throw badUserInput(
      argumentName,
      `Argument "${argumentName}" must be at most ${maxVisConfigLength} characters as JSON (got ${length}).`,
    );
  return value;
}

/** An idempotency key: 1–{@link maxIdempotencyKeyLength} printable characters. */
export function idempotencyKey(argumentName: string, value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  boundedText(argumentName, value, maxIdempotencyKeyLength);
  if (!/^[\x21-\x7E]+$/.test(value))
    throw badUserInput(argumentName, `Argument "${argumentName}" must be printable ASCII without spaces.`);
  return value;
}

/** A list a write takes, bounded. */
export function writeList<T>(
  argumentName: string,
  values: readonly T[] | null | undefined,
  maxItems: number,
): readonly T[] {
  return boundedList(argumentName, values ?? [], maxItems);
}

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) of the characters
 * cron knows; Looker checks the rest.
 */
export function crontab(argumentName: string, value: string): string {
  const text = boundedText(argumentName, value, 100).trim();
  const fields = text.split(/\s+/);
  if (fields.length !== 5 || !fields.every((f) => /^[\d*/,\-A-Za-z?LW#]+$/.test(f)))
    throw badUserInput(
      argumentName,
      `Argument "${argumentName}" must be a five-field cron expression, e.g. "0 8 * * 1" (Mondays at 8:00).`,
    );
  return text;
}
