import type { CatalogField } from '../query/explore-catalog';
import type { Cell } from './result-values';

/** Separator Looker puts between the values of several pivot dimensions in a pivot key. */
export const PIVOT_SEPARATOR = '|FIELD|';
/** How a NULL pivot value is written in pivot keys (Looker shows NULL as ∅). */
export const NULL_PIVOT = '∅';

/** A pivoted row: plain dimension cells, and per measure an object keyed by pivot key. */
export type PivotedRow = Record<string, Cell | Record<string, Cell>>;

/** One pivot column: its key and the pivot dimensions' values. */
export interface PivotColumn {
  key: string;
  data: Record<string, Cell>;
}

/**
 * Pivot flat rows: group them by the non-pivot dimensions (keeping the order in which groups
 * first appear, which follows the query's sorts) and nest each measure under its pivot key.
 * Pivot columns are ordered by their values, ascending unless the query sorts that pivot
 * descending; NULL pivot values come last. Missing combinations are null. `columnLimit` keeps the
 * first N pivot columns in that order (Looker's `column_limit`).
 */
export function pivotRows(
  rows: Record<string, Cell>[],
  fields: CatalogField[],
  pivots: CatalogField[],
  limit: number,
  descending: boolean[] = [],
  columnLimit?: number,
): { rows: PivotedRow[]; columns: PivotColumn[] } {
  const rowDims = fields.filter((f) => f.category === 'dimension' && !pivots.includes(f));
  const measures = fields.filter((f) => f.category === 'measure');
  const keyOf = (row: Record<string, Cell>): string =>
    pivots.map((p) => (row[p.name] === null ? NULL_PIVOT : String(row[p.name]))).join(PIVOT_SEPARATOR);

  const columns = new Map<string, PivotColumn>();
  for (const row of rows) {
    const key = keyOf(row);
    if (!columns.has(key))
      columns.set(key, { key, data: Object.fromEntries(pivots.map((p) => [p.name, row[p.name] ?? null])) });
  }
  const orderedColumns = [...columns.values()].sort((a, b) => {
    for (const [i, p] of pivots.entries()) {
      const x = a.data[p.name] ?? null;
      const y = b.data[p.name] ?? null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (descending[i] ? -1 : 1);
    }
    return 0;
  });
  const sortedColumns = columnLimit === undefined ? orderedColumns : orderedColumns.slice(0, columnLimit);
  const kept = new Set(sortedColumns.map((c) => c.key));

  const grouped = new Map<string, PivotedRow>();
  for (const row of rows) {
    const groupKey = JSON.stringify(rowDims.map((d) => row[d.name] ?? null));
    let out = grouped.get(groupKey);
    if (!out) {
      if (grouped.size >= limit) continue;
      out = Object.fromEntries(rowDims.map((d) => [d.name, row[d.name] ?? null]));
      for (const m of measures) out[m.name] = Object.fromEntries(sortedColumns.map((c) => [c.key, null]));
      grouped.set(groupKey, out);
    }
    const key = keyOf(row);
    if (!kept.has(key)) continue;
    for (const m of measures) (out[m.name] as Record<string, Cell>)[key] = row[m.name] ?? null;
  }
  return { rows: [...grouped.values()], columns: sortedColumns };
}
