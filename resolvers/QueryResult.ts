import type { QueryResultResolvers } from '../src/generated/resolvers-types';

/** A query's data. */
export const QueryResult: QueryResultResolvers = {
  rowCount: (result) => result.rows.length,
  truncated: (result) => result.truncated === true,
  // Results cached before rendered values were read carry none: the values' text stands in.
  renderedRows: (result) => (result.renderedRows ? [...result.renderedRows] : result.rows.map(textRow)),
  totals: (result) => result.totals ?? null,
  rowTotals: (result) => (result.rowTotals ? [...result.rowTotals] : null),
  pivots: (result) =>
    (result.pivots ?? []).map((p) => ({
      key: p.key,
      values: p.values,
      labels: p.labels,
      label: Object.values(p.labels).join(' | '),
      isTotal: p.isTotal,
    })),
};

/** A row's values as text, as Looker shows values it does not format (null stays null). */
function textRow(row: Record<string, unknown>): Record<string, unknown> {
  const text = (v: unknown): unknown =>
    v === null || v === undefined
      ? null
      : typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)]))
        : String(v as string | number | boolean);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, text(v)]));
}
