import { z } from 'zod';
import { cleanText, quoted } from './looker-text';
import { textTable } from './text-table';

/** The selection every tool reads a query result with. */
export const resultSelection =
  'fields { name label fullLabel type isMeasure isPivot } rows renderedRows totals pivots { key label isTotal } rowCount truncated';
/**
 * The selection of each tile of a dashboard: without totals and pivot columns, which keeps a
 * dashboard of many tiles within the operation cost limit. A pivoted tile's columns are then read
 * from its rows, headed by their keys.
 */
export const tileResultSelection =
  'fields { name label fullLabel type isMeasure } rows renderedRows rowCount truncated';

/** A query result as the operation returns it, and as the structured content carries it. */
export const resultShape = z.object({
  fields: z.array(
    z.object({
      name: z.string().describe('Fully qualified (`view.field`): the key of the field in each row.'),
      label: z.string().nullable(),
      fullLabel: z.string().nullable(),
      type: z.string().nullable(),
      isMeasure: z.boolean(),
      isPivot: z
        .boolean()
        .optional()
        .describe('A dimension the result pivots on: its values head the pivot columns (absent for dashboard tiles).'),
    }),
  ),
  rows: z
    .array(z.record(z.string(), z.unknown()))
    .describe("One object per row, keyed by field name: Looker's raw values."),
  renderedRows: z
    .array(z.record(z.string(), z.unknown()))
    .describe('The same rows as Looker renders them (`$1,234.56`), each value text (null for null).'),
  totals: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .describe(
      'Totals of the measures when the query asks for them (`total`): `{ value, rendered }` per measure (per pivot key when pivoted).',
    ),
  pivots: z
    .array(z.object({ key: z.string(), label: z.string(), isTotal: z.boolean() }))
    .optional()
    .describe(
      "A pivoted result's columns: pivoted measures' values in `rows` are objects keyed by `key` (absent for dashboard tiles).",
    ),
  rowCount: z.number().int(),
  truncated: z.boolean().describe('True when more rows exist than were served.'),
});

/** A query result as the operation returns it. */
export type ResultData = z.infer<typeof resultShape>;

/**
 * Each column's header is Looker's short label (`Total Sale Price`), or its full label where two
 * columns share a short one (`Orders Status`, `Order Items Status`). Without a label, it is the
 * field's name.
 */
function headersOf(fields: ResultData['fields']): string[] {
  const short = fields.map((f) => f.label ?? f.name);
  return fields.map((f, i) =>
    short.indexOf(short[i] ?? '') !== short.lastIndexOf(short[i] ?? '')
      ? (f.fullLabel ?? f.name)
      : (short[i] ?? f.name),
  );
}

/**
 * A result as text, as Looker shows it: its size, which field each column is, then a table
 * headed by labels whose cells are Looker's rendered values (`$96.24`, `12.3%`). Where Looker
 * rendered nothing (no value format), the cell is the raw value as Looker sent it, unrounded: a
 * model must not read a precision Looker did not give, nor lose one it did. Raw values stay in
 * the structured content.
 */
export function resultText(result: ResultData, maxRows?: number): string {
  const size = `${result.rowCount} row${result.rowCount === 1 ? '' : 's'}${result.truncated ? ' (cut at the row limit: more exist)' : ''}`;
  const headers = headersOf(result.fields);
  const legend = `Columns: ${result.fields
    .map(
      (f, i) =>
        `${quoted(headers[i] ?? f.name)} = ${cleanText(f.name)}${f.isMeasure ? ' (measure)' : ''}${f.isPivot ? ' (pivot)' : ''}`,
    )
    .join(', ')}`;
  const merged = result.rows.map((row, i) => ({ ...row, ...result.renderedRows[i] }));
  const pivots = pivotsOf(result);
  const lines = [size, legend];
  if (pivots.length > 0) {
    const pivotNames = result.fields.flatMap((f, i) => (isPivotField(result, f) ? [quoted(headers[i] ?? f.name)] : []));
    lines.push(
      `Pivoted on ${pivotNames.join(', ')}: each measure has a column per pivot value, headed "measure [value]" (${pivots.length} pivot columns).`,
    );
  }
  const { columns, columnHeaders, rows } =
    pivots.length > 0
      ? pivotedColumns(result, pivots, headers, merged)
      : { columns: result.fields.map((f) => f.name), columnHeaders: headers, rows: merged };
  lines.push(textTable(columns, rows, columnHeaders, maxRows));
  const totals = totalsText(result, headers);
  if (totals) lines.push(totals);
  return lines.join('\n');
}

/** The key of a pivoted measure's column in the flattened rows of the text. */
const pivotColumn = (field: string, key: string) => `${field}\u0000${key}`;

/**
 * A pivoted result's rows as a flat table: the row dimensions, then each measure once per pivot
 * column (`Count | Complete`), the pivot dimensions themselves being the column headers.
 */
/** Looker's key of the row totals' column in pivoted measures' objects. */
const rowTotalKey = '$$$_row_total_$$$';

type Pivot = NonNullable<ResultData['pivots']>[number];

/**
 * The pivot columns: as the result lists them, or, where it does not (dashboard tiles), the keys
 * of the pivoted measures' objects in the order the rows show them, each headed by its key.
 */
function pivotsOf(result: ResultData): readonly Pivot[] {
  if (result.pivots) return result.pivots;
  const keys = new Set<string>();
  for (const row of result.rows)
    for (const value of Object.values(row))
      if (isPivotObject(value)) for (const key of Object.keys(value)) keys.add(key);
  return [...keys].map((key) => ({ key, label: key, isTotal: key === rowTotalKey }));
}

/** A pivot dimension: as the result says, or (dashboard tiles) a dimension no row carries a value of. */
function isPivotField(result: ResultData, field: ResultData['fields'][number]): boolean {
  return field.isPivot ?? (!field.isMeasure && result.rows.every((row) => row[field.name] === undefined));
}

function pivotedColumns(
  result: ResultData,
  pivots: readonly Pivot[],
  headers: readonly string[],
  rows: readonly Record<string, unknown>[],
): { columns: string[]; columnHeaders: string[]; rows: Record<string, unknown>[] } {
  const columns: string[] = [];
  const columnHeaders: string[] = [];
  result.fields.forEach((f, i) => {
    if (isPivotField(result, f)) return;
    const header = headers[i] ?? f.name;
    const perPivot = rows.some((row) => isPivotObject(row[f.name]));
    if (!perPivot) {
      columns.push(f.name);
      columnHeaders.push(header);
      return;
    }
    for (const pivot of pivots) {
      columns.push(pivotColumn(f.name, pivot.key));
      columnHeaders.push(`${header} [${pivot.isTotal ? 'Row total' : pivot.label}]`);
    }
  });
  const flat = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      if (isPivotObject(value)) for (const [key, cell] of Object.entries(value)) out[pivotColumn(name, key)] = cell;
      else out[name] = value;
    }
    return out;
  });
  return { columns, columnHeaders, rows: flat };
}

function isPivotObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "Totals: Count = 1,062; …" when the query asked for totals (pivoted totals per pivot label). */
function totalsText(result: ResultData, headers: readonly string[]): string | undefined {
  if (!result.totals) return undefined;
  const rendered = (cell: unknown): string => {
    if (!isPivotObject(cell)) return String(cell ?? '');
    const text = cell.rendered ?? cell.value;
    return text === null || text === undefined ? '' : String(text as string | number | boolean);
  };
  const parts: string[] = [];
  result.fields.forEach((f, i) => {
    const total = result.totals?.[f.name];
    if (total === undefined) return;
    const header = headers[i] ?? f.name;
    if (isPivotObject(total) && !('value' in total)) {
      for (const pivot of pivotsOf(result)) {
        if (pivot.key in total)
          parts.push(
            `${quoted(`${header} [${pivot.isTotal ? 'Row total' : pivot.label}]`)} = ${quoted(rendered(total[pivot.key]))}`,
          );
      }
    } else parts.push(`${quoted(header)} = ${quoted(rendered(total))}`);
  });
  return parts.length > 0 ? `Totals: ${parts.join('; ')}` : undefined;
}
