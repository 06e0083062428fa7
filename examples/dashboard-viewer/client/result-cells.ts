import type { ResultField, TileResult } from './dashboard-query';

/** A field's heading: its label, else its name. */
export function labelOf(field: ResultField): string {
  return field.label ?? field.name;
}

/**
 * A cell as the page shows it: Looker's rendered string when it sent one, else the raw value
 * (numbers grouped). Pivoted cells are objects; `pivotKey` picks one column.
 */
export function displayCell(result: TileResult, rowIndex: number, field: ResultField, pivotKey?: string): string {
  const pick = (cell: unknown): unknown =>
    pivotKey !== undefined && cell && typeof cell === 'object' ? (cell as Record<string, unknown>)[pivotKey] : cell;
  const rendered = pick(result.renderedRows[rowIndex]?.[field.name]);
  if (typeof rendered === 'string') return rendered;
  return formatRaw(pick(result.rows[rowIndex]?.[field.name]));
}

/** A raw value as text, for cells Looker sent no rendering for. */
export function formatRaw(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'number') return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A measure's total as Looker renders it (`totals[field]`, per pivot key when pivoted); undefined when there is none. */
export function displayTotal(result: TileResult, field: ResultField, pivotKey?: string): string | undefined {
  let total: unknown = result.totals?.[field.name];
  if (pivotKey !== undefined && total && typeof total === 'object' && !('rendered' in total))
    total = (total as Record<string, unknown>)[pivotKey];
  if (!total || typeof total !== 'object') return undefined;
  const { rendered, value } = total as { rendered?: unknown; value?: unknown };
  return typeof rendered === 'string' ? rendered : value === undefined ? undefined : formatRaw(value);
}
