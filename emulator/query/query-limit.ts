/** Rows a query returns when it names no limit (Looker's default). */
export const DEFAULT_LIMIT = 500;
/**
 * The emulator's safety cap: the most rows one query returns, whatever its limit (`-1`, Looker's
 * "unlimited", included). Looker itself has no such cap for `-1`; the emulator keeps one so that
 * a runaway query cannot exhaust its memory. The demo data set at scale 1 has 100,000 order items,
 * so the cap never binds there: a `-1` query returns every row.
 */
export const EMULATOR_MAX_ROWS = 1_000_000;

/**
 * The effective row limit for Looker's `limit` (sent as a string): absent or empty → 500,
 * `-1` → every row (up to the emulator's safety cap), a positive number → that many (same cap).
 * Returns an error message for anything else.
 */
export function resolveLimit(limit: string | number | null | undefined): { value: number } | { error: string } {
  if (limit === null || limit === undefined) return { value: DEFAULT_LIMIT };
  const text = String(limit).trim();
  if (text === '') return { value: DEFAULT_LIMIT };
  if (!/^-?\d+$/.test(text)) return { error: `limit must be a whole number, got "${text}"` };
  const n = Number(text);
  if (n === -1) return { value: EMULATOR_MAX_ROWS };
  if (n < 1) return { error: `limit must be positive or -1, got ${text}` };
  return { value: Math.min(n, EMULATOR_MAX_ROWS) };
}
