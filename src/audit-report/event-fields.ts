/**
 * Reading fields of an audit line without trusting its shape: the files may hold lines of older
 * or newer versions of the events (fields added since, such as a chain's `seq` or `hash`, are
 * ignored), and a value of the wrong type reads as absent.
 */

/** A string field, or undefined. */
export function stringField(event: Record<string, unknown>, name: string): string | undefined {
  const value = event[name];
  return typeof value === 'string' ? value : undefined;
}

/** A finite number field, or 0. */
export function numberField(event: Record<string, unknown>, name: string): number {
  const value = event[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The strings of an array field (other items left out), or an empty list. */
export function stringsField(event: Record<string, unknown>, name: string): string[] {
  const value = event[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** An object field, or undefined. */
export function objectField(event: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const value = event[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
