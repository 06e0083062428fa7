import { z } from 'zod';
import { cleanText, quoted } from './looker-text';
import { textTable } from './text-table';

/** The selection every tool reads a query result with. */
export const resultSelection = 'fields { name label fullLabel type isMeasure } rows renderedRows rowCount truncated';

/** A query result as the operation returns it, and as the structured content carries it. */
export const resultShape = z.object({
  fields: z.array(
    z.object({
      name: z.string().describe('Fully qualified (`view.field`): the key of the field in each row.'),
      label: z.string().nullable(),
      fullLabel: z.string().nullable(),
      type: z.string().nullable(),
      isMeasure: z.boolean(),
    }),
  ),
  rows: z
    .array(z.record(z.string(), z.unknown()))
    .describe("One object per row, keyed by field name: Looker's raw values."),
  renderedRows: z
    .array(z.record(z.string(), z.unknown()))
    .describe('The same rows as Looker renders them (`$1,234.56`), each value text (null for null).'),
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
    .map((f, i) => `${quoted(headers[i] ?? f.name)} = ${cleanText(f.name)}${f.isMeasure ? ' (measure)' : ''}`)
    .join(', ')}`;
  const rows = result.rows.map((row, i) => ({ ...row, ...result.renderedRows[i] }));
  return `${size}\n${legend}\n${textTable(
    result.fields.map((f) => f.name),
    rows,
    headers,
    maxRows,
  )}`;
}
