/**
 * First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"):
 * `=`, `+`, `-`, `@`, tab and carriage return.
 */
const formulaStart = /^[=+\-@\t\r]/;

/** A plain number (`-5`, `+1.5`, `-2e3`): a spreadsheet reads it as that number, which runs nothing. */
const plainNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One field and what ends it, read from the current position (sticky). The field is:
 * - quoted (`""` for a quote, anything after its closing quote kept, as spreadsheets read it);
 * - quoted and left open to the end;
 * - or plain.
 * A comma, a line break (CRLF, LF or CR) or the end follows it.
 */
const field = /(?:"((?:[^"]|"")*)"([^,\r\n]*)|"((?:[^"]|"")*)$|([^,\r\n]*))(,|\r\n|\n|\r|$)/y;

/** Whether a CSV cell's text would run as a formula when a spreadsheet opens the file. */
export function isFormulaCell(text: string): boolean {
  return formulaStart.test(text) && !plainNumber.test(text);
}

/**
 * A CSV (RFC 4180, as Looker writes it) in which no cell runs as a formula: a cell that starts like
 * one gets a leading `'` and is quoted (`=1+1` → `"'=1+1"`), OWASP's advice; every other byte is left
 * as it was, header row included. A CSV cannot tell text from numbers, so a cell that is a plain
 * number (`-5`) stays as it is: a spreadsheet reads it as that number. A leading byte order mark
 * stays in front.
 */
export function neutralizeCsvFormulas(csv: string): string {
  const parts: string[] = [];
  let copied = 0;
  field.lastIndex = csv.startsWith('\uFEFF') ? 1 : 0;
  while (field.lastIndex < csv.length) {
    const start = field.lastIndex;
    const match = field.exec(csv);
    if (!match) break;
    const [whole, quoted, afterQuote, unterminated, plain, separator = ''] = match;
    const text =
      quoted !== undefined
        ? quoted.replace(/""/g, '"') + afterQuote
        : unterminated !== undefined
          ? unterminated.replace(/""/g, '"')
          : (plain ?? '');
    if (isFormulaCell(text)) {
      parts.push(csv.slice(copied, start), `"'${text.replace(/"/g, '""')}"`, separator);
      copied = start + whole.length;
    }
    // The end of the text, reached without a separator: nothing more to read.
    if (separator === '') break;
  }
  if (copied === 0) return csv;
  parts.push(csv.slice(copied));
  return parts.join('');
}
