/**
 * How Looker renders values: the Excel-style `value_format` of a field (`$#,##0.00`, `0.0%`), and
 * the named formats of LookML's `value_format_name`. The emulator reads the subset the demo model
 * and table calculations use: a literal prefix, a number pattern with optional thousands separator
 * and fixed decimals, and a `%` suffix (which multiplies by 100, as in Excel). Sources and guesses
 * are in the emulator README ("Where the emulator guesses", item 10).
 */

/** Looker's built-in named formats, as the Excel-style strings they stand for. */
const NAMED_FORMATS: Readonly<Record<string, string>> = {
  decimal_0: '#,##0',
  decimal_1: '#,##0.0',
  decimal_2: '#,##0.00',
  percent_0: '#,##0%',
  percent_1: '#,##0.0%',
  percent_2: '#,##0.00%',
  usd_0: '$#,##0',
  usd: '$#,##0.00',
  id: '0',
};

/** The Excel-style format a named format stands for, or undefined for a name Looker does not define. */
export function namedValueFormat(name: string): string | undefined {
  return NAMED_FORMATS[name];
}

/** A parsed format: text around the number, decimals, grouping, percent. */
interface NumberPattern {
  prefix: string;
  suffix: string;
  decimals: number;
  grouping: boolean;
  percent: boolean;
}

/** Strips Excel's quoting of literals (`"€"#,##0` or `\$`). */
function literal(text: string): string {
  return text.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
}

/** Parses the subset of Excel formats Looker's demo content uses; undefined when it does not fit. */
function parsePattern(format: string): NumberPattern | undefined {
  const match = /^([^#0]*)([#0,]+(?:\.[#0]+)?)(.*)$/.exec(format.split(';')[0] ?? '');
  if (!match) return undefined;
  const [, before = '', number = '', after = ''] = match;
  const decimals = number.includes('.') ? (number.split('.')[1] ?? '').length : 0;
  return {
    prefix: literal(before),
    suffix: literal(after),
    decimals,
    grouping: number.includes(','),
    percent: after.includes('%'),
  };
}

/**
 * A number as Looker renders it with an Excel-style format: `1234.5` with `$#,##0.00` is
 * `$1,234.50`, `0.1234` with `#,##0.0%` is `12.3%`; negative numbers get a leading minus before
 * the prefix (`-$12.00`). Undefined when the format is outside the subset read here.
 */
export function formatNumber(value: number, format: string): string | undefined {
  const pattern = parsePattern(format);
  if (!pattern) return undefined;
  const scaled = pattern.percent ? value * 100 : value;
  const digits = Math.abs(scaled).toLocaleString('en-US', {
    minimumFractionDigits: pattern.decimals,
    maximumFractionDigits: pattern.decimals,
    useGrouping: pattern.grouping,
  });
  const negative = scaled < 0 && Number(digits.replace(/,/g, '')) !== 0;
  return `${negative ? '-' : ''}${pattern.prefix}${digits}${pattern.suffix}`;
}

/**
 * The rendered text of a number without a value format, as recorded json_detail answers show it:
 * thousands separators and at most two decimals (`1,062`, `37.55`).
 */
export function defaultNumberText(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
