/** Rows a text rendering shows at most; the structured content carries every row served. */
export const maxTextRows = 50;
/** Characters a text rendering holds at most (a table included); the rest is cut with a note. */
export const maxTextLength = 2000;
/** Characters one cell shows at most. */
const maxCellLength = 60;

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const flat = text.replace(/[\r\n|]+/g, ' ');
  return flat.length > maxCellLength ? `${flat.slice(0, maxCellLength - 1)}…` : flat;
}

/**
 * A Markdown table of the first {@link maxTextRows} rows, with a line saying how many were left
 * out: what a model reads, while programs read the structured content.
 */
export function textTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  if (columns.length === 0) return '(no columns)';
  const shown = rows.slice(0, maxTextRows);
  const lines = [`| ${columns.map(cell).join(' | ')} |`, `|${columns.map(() => ' --- |').join('')}`, ...shown.map((row) => `| ${columns.map((c) => cell(row[c])).join(' | ')} |`)];
  if (rows.length > shown.length) lines.push(`(${rows.length - shown.length} more rows in the structured content)`);
  return lines.join('\n');
}

/** Cuts a text rendering to {@link maxTextLength} characters, saying so. */
export function capText(text: string): string {
  if (text.length <= maxTextLength) return text;
  const note = '\n… (cut; the structured content has everything)';
  return text.slice(0, maxTextLength - note.length) + note;
}
