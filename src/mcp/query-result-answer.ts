import { textTable } from './text-table';

/** The selection every tool reads a query result with. */
export const resultSelection = 'fields { name label type isMeasure } rows rowCount truncated';

/** A query result as the operation returns it. */
export interface ResultData {
  readonly fields: readonly { name: string; label: string | null; type: string | null; isMeasure: boolean }[];
  readonly rows: readonly Record<string, unknown>[];
  readonly rowCount: number;
  readonly truncated: boolean;
}

/** A result as text: its size, then a table of its first rows. */
export function resultText(result: ResultData): string {
  const size = `${result.rowCount} row${result.rowCount === 1 ? '' : 's'}${result.truncated ? ' (cut at the row limit: more exist)' : ''}`;
  return `${size}\n${textTable(
    result.fields.map((f) => f.name),
    result.rows,
  )}`;
}
