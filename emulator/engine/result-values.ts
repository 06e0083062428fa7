/** A cell of a result row as JSON carries it. */
export type Cell = string | number | boolean | null;

/**
 * Convert a value read from DuckDB into a JSON-friendly cell: BIGINT/HUGEINT (bigint) become
 * numbers, timestamps ISO strings; DECIMALs already arrive as numbers.
 */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
