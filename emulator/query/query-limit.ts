/** Rows a query returns when it names no limit (Looker's default). */
export const DEFAULT_LIMIT = 500;
/** The most rows the emulator returns for one query, whatever the limit asks. */
export const MAX_LIMIT = 5000;

/**
 * The effective row limit for Looker's `limit` (sent as a string): absent or empty → 500,
 * `-1` → the cap, larger than the cap → the cap. Returns an error message for anything else.
 */
export function resolveLimit(limit: string | number | null | undefined): { value: number } | { error: string } {
  if (limit === null || limit === undefined) return { value: DEFAULT_LIMIT };
  const text = String(limit).trim();
  if (text === '') return { value: DEFAULT_LIMIT };
  if (!/^-?\d+$/.test(text)) return { error: `limit must be a whole number, got "${text}"` };
  const n = Number(text);
  if (n === -1) return { value: MAX_LIMIT };
  if (n < 1) return { error: `limit must be positive or -1, got ${text}` };
  return { value: Math.min(n, MAX_LIMIT) };
}
