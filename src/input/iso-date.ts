/**
 * Looker's SDK types timestamps as `Date`, but JSON answers carry ISO strings. Accepts both and
 * answers an ISO string, or null when the value is absent or not a date.
 */
export function isoDate(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
