import type { ResultField, TileResult } from './dashboard-query';

/** How a tile's data is best drawn. */
export type TileShape =
  | { readonly kind: 'line' | 'bar'; readonly dimension: ResultField; readonly measures: readonly ResultField[] }
  | { readonly kind: 'value'; readonly measures: readonly ResultField[] }
  | { readonly kind: 'table' };

const timeTypes = /^(date|time)|_(date|week|month|quarter|year|time|hour|minute)$/;

/** True when every row has a number (or null) for each measure: what a chart can plot. */
function numericMeasures(result: TileResult, measures: readonly ResultField[]): boolean {
  return result.rows.every((row) => measures.every((m) => row[m.name] === null || typeof row[m.name] === 'number'));
}

/**
 * Picks a drawing for a result, as Looker's own defaults would: one dimension and numeric measures
 * make a chart (a line over time, bars otherwise), a single row of measures a big number, anything
 * else (pivots, several dimensions) a table.
 */
export function shapeOf(result: TileResult): TileShape {
  const dimensions = result.fields.filter((field) => !field.isMeasure);
  const measures = result.fields.filter((field) => field.isMeasure);
  if (measures.length === 0 || !numericMeasures(result, measures)) return { kind: 'table' };
  if (dimensions.length === 0 && result.rows.length === 1) return { kind: 'value', measures };
  const [dimension] = dimensions;
  if (dimensions.length === 1 && dimension && result.rows.length >= 2) {
    return { kind: timeTypes.test(dimension.type ?? '') ? 'line' : 'bar', dimension, measures };
  }
  return { kind: 'table' };
}

/** A field's heading: its label, else its name. */
export function labelOf(field: ResultField): string {
  return field.label ?? field.name;
}

/** A cell as text: numbers grouped, nested values (pivots) as JSON. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'number') return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
