import { cleanText, dataBlock } from './looker-text';

/** Rows a text rendering shows at most; the structured content carries every row served. */
export const maxTextRows = 50;
/**
 * Characters a tool's text holds at most (about 2,500 tokens), the data notice and any table
 * included; the rest is cut with a note. Room for an explore of 150 fields listed one a line, or
 * a table of {@link maxTextRows} rows of a few columns; tools that list more say what they left out.
 */
export const maxTextLength = 10_000;
/** Characters one cell shows at most. */
const maxCellLength = 60;

function cell(value: unknown): string {
  const text =
    value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // One line, nothing hidden, no pipe that would split the cell.
  const flat = cleanText(text).replace(/\|+/g, ' ');
  return flat.length > maxCellLength ? `${flat.slice(0, maxCellLength - 1)}…` : flat;
}

/**
 * A Markdown table of the first {@link maxTextRows} rows, in a fenced block of data, with a line
 * saying how many were left out: what a model reads, while programs read the structured content.
 * `headers` head the columns (labels) in place of the keys; `maxRows` shows fewer rows.
 */
export function textTable(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  headers: readonly string[] = columns,
  maxRows = maxTextRows,
): string {
  if (columns.length === 0) return '(no columns)';
  const shown = rows.slice(0, Math.min(maxRows, maxTextRows));
  const lines = [
    `| ${headers.map(cell).join(' | ')} |`,
    `|${columns.map(() => ' --- |').join('')}`,
    ...shown.map((row) => `| ${columns.map((c) => cell(row[c])).join(' | ')} |`),
  ];
  const table = dataBlock(lines.join('\n'));
  return rows.length > shown.length
    ? `${table}\n(${rows.length - shown.length} more rows are not shown in this text, only in the structured content: filter or sort the query to see others here)`
    : table;
}

/** The fence of the block still open at the end of `text`, if one is. */
function openFence(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    if (open === undefined) open = /^`{3,}/.exec(line)?.[0];
    else if (line === open) open = undefined;
  }
  return open;
}

/** Cuts a text rendering to {@link maxTextLength} characters at a line end, closing a block it cut into, and says so. */
export function capText(text: string): string {
  if (text.length <= maxTextLength) return text;
  const note = '\n… (cut; the structured content has everything)';
  const lines = text.slice(0, maxTextLength - note.length).split('\n');
  // The last line is partial (or empty): drop it, unless it is all there is. A block left open
  // needs its fence back, within the bound.
  if (lines.length > 1) lines.pop();
  let kept = lines.join('\n');
  let fence = openFence(kept);
  while (fence !== undefined && kept.length + fence.length + 1 + note.length > maxTextLength && lines.length > 0) {
    lines.pop();
    kept = lines.join('\n');
    fence = openFence(kept);
  }
  return `${kept}${fence === undefined ? '' : `\n${fence}`}${note}`;
}
