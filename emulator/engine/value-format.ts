/**
 * How Looker renders numbers: the Excel-style `value_format` of a field, and the named formats of
 * LookML's `value_format_name`. No Excel number-format library is installed, so this is a small
 * formatter of the part of Excel's syntax Looker documents: up to three sections
 * (`positive;negative;zero`), conditions (`[>=1000]`), digit placeholders `0` `#` `?`, a thousands
 * separator, trailing commas that divide by 1,000 each, `%` (× 100), quoted and escaped text.
 * Looker supports no date or colour formats (its `value_format` reference); colours are ignored.
 * Sources and guesses are in the emulator README ("Value formats and rendered values").
 */

/**
 * Looker's built-in named formats (the `value_format_name` reference, "Default format names"), as
 * the Excel-style strings that render its documented examples.
 */
const NAMED_FORMATS: Readonly<Record<string, string>> = {
  decimal_0: '#,##0',
  decimal_1: '#,##0.0',
  decimal_2: '#,##0.00',
  decimal_3: '#,##0.000',
  decimal_4: '#,##0.0000',
  usd_0: '$#,##0',
  usd: '$#,##0.00',
  gbp_0: '"£"#,##0',
  gbp: '"£"#,##0.00',
  eur_0: '"€"#,##0',
  eur: '"€"#,##0.00',
  id: '0',
  percent_0: '#,##0%',
  percent_1: '#,##0.0%',
  percent_2: '#,##0.00%',
  percent_3: '#,##0.000%',
  percent_4: '#,##0.0000%',
};

/** The Excel-style format a named format stands for, or undefined for a name Looker does not define. */
export function namedValueFormat(name: string): string | undefined {
  return NAMED_FORMATS[name];
}

/** One piece of a section: literal text, or the number itself. */
type Token = { text: string } | { number: true };

/** A comparison in a section's `[>=1000]`. */
interface Condition {
  op: '<' | '<=' | '>' | '>=' | '=' | '<>';
  operand: number;
}

/** One `;`-separated section of a format, parsed. */
interface Section {
  condition: Condition | undefined;
  tokens: Token[];
  /** `0`s before the decimal point: the minimum integer digits (none: `#.00` renders 0.5 as `.50`). */
  minInteger: number;
  /** `0`s after the point (always shown) and `#`/`?`s (shown when not zero). */
  minDecimals: number;
  maxDecimals: number;
  /** A comma among the integer placeholders: thousands separators. */
  grouping: boolean;
  /** Divisions by 1,000 (commas right after the last digit placeholder). */
  scale: number;
  percent: boolean;
  /** Whether the point is shown (`0.` and `0.##` show it even without decimals). */
  point: boolean;
}

const CONDITION = /^\[(<>|<=|>=|<|>|=)(-?\d+(?:\.\d+)?)\]/;

/** Splits a format into sections at `;` outside quotes and escapes. */
function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  for (let i = 0; i < format.length; i++) {
    const c = format.charAt(i);
    if (c === '\\' && i + 1 < format.length) {
      current += c + format.charAt(++i);
    } else if (c === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end === -1 ? format.length : end;
      current += format.slice(i, stop + 1);
      i = stop;
    } else if (c === ';') {
      sections.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  sections.push(current);
  return sections;
}

/** Parses one section; undefined when it uses syntax outside what this formatter reads. */
function parseSection(raw: string): Section | undefined {
  let rest = raw;
  let condition: Condition | undefined;
  const tokens: Token[] = [];
  let pattern = '';
  let percent = false;
  let seenNumber = false;
  const literal = (text: string): void => {
    tokens.push({ text });
  };
  while (rest.length > 0) {
    const c = rest.charAt(0);
    if (c === '[') {
      const cond = CONDITION.exec(rest);
      if (cond) {
        condition = { op: cond[1] as Condition['op'], operand: Number(cond[2]) };
        rest = rest.slice(cond[0].length);
        continue;
      }
      const close = rest.indexOf(']');
      if (close === -1) return undefined;
      const inner = rest.slice(1, close);
      // `[$€-407]` is a currency symbol with a locale; `[Red]` a colour Looker does not show.
      if (inner.startsWith('$')) literal(inner.slice(1).split('-')[0] ?? '');
      rest = rest.slice(close + 1);
    } else if (c === '"') {
      const end = rest.indexOf('"', 1);
      if (end === -1) return undefined;
      literal(rest.slice(1, end));
      rest = rest.slice(end + 1);
    } else if (c === '\\') {
      literal(rest.charAt(1));
      rest = rest.slice(2);
    } else if (c === '_') {
      // `_x` leaves the width of x: a space.
      literal(' ');
      rest = rest.slice(2);
    } else if (c === '*') {
      // `*x` repeats x to fill the cell: there is no cell width here.
      rest = rest.slice(2);
    } else if (c === '%') {
      percent = true;
      literal('%');
      rest = rest.slice(1);
    } else if ('0#?.,'.includes(c)) {
      const run = /^[0#?.,]+/.exec(rest)?.[0] ?? c;
      // A comma with no digit placeholder before it is text, not part of the number.
      if (!seenNumber && !/[0#?]/.test(run)) {
        literal(run);
      } else {
        if (seenNumber) return undefined;
        seenNumber = true;
        pattern = run;
        tokens.push({ number: true });
      }
      rest = rest.slice(run.length);
    } else if (/[A-Za-z]/.test(c)) {
      // Letters outside quotes are date codes (`yyyy`), exponents (`E+`) or `General`: not read here.
      return undefined;
    } else {
      literal(c);
      rest = rest.slice(1);
    }
  }
  const trailing = /,+$/.exec(pattern)?.[0].length ?? 0;
  const body = pattern.slice(0, pattern.length - trailing);
  if ((body.match(/\./g) ?? []).length > 1) return undefined;
  const [integer = '', decimals] = body.split('.');
  const decimalPlaces = (decimals ?? '').replace(/,/g, '');
  return {
    condition,
    tokens,
    minInteger: (integer.match(/0/g) ?? []).length,
    minDecimals: (decimalPlaces.match(/0/g) ?? []).length,
    maxDecimals: decimalPlaces.length,
    grouping: integer.includes(','),
    scale: trailing,
    percent,
    point: decimals !== undefined,
  };
}

/** Rounds half away from zero at `places` decimals, on the decimal text (1.005 → 1.01). */
function roundDecimal(value: number, places: number): number {
  const shifted = Math.round(Number(`${Math.abs(value)}e${places}`));
  return Math.sign(value) * Number(`${shifted}e-${places}`);
}

/** The digits of a non-negative number for a section (no sign, no literals). */
function digits(value: number, section: Section): string {
  const rounded = roundDecimal(value, section.maxDecimals);
  const [whole = '0', fraction = ''] = rounded.toFixed(section.maxDecimals).split('.');
  let integer = whole === '0' && section.minInteger === 0 ? '' : whole.padStart(section.minInteger, '0');
  if (section.grouping) integer = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let decimals = fraction;
  while (decimals.length > section.minDecimals && decimals.endsWith('0')) decimals = decimals.slice(0, -1);
  return section.point ? `${integer}.${decimals}` : integer;
}

function matches(condition: Condition, value: number): boolean {
  switch (condition.op) {
    case '<':
      return value < condition.operand;
    case '<=':
      return value <= condition.operand;
    case '>':
      return value > condition.operand;
    case '>=':
      return value >= condition.operand;
    case '=':
      return value === condition.operand;
    case '<>':
      return value !== condition.operand;
  }
}

/**
 * The section that renders a value, and whether the value's sign must be written: Excel's rules.
 * With conditions, the first section whose condition holds, else the first without one (its
 * minus sign written). Without, `positive;negative;zero`: the negative section shows the absolute
 * value (its own text says how), a single section writes the minus.
 */
function pick(sections: Section[], value: number): { section: Section; signed: boolean } | undefined {
  if (sections.some((s) => s.condition !== undefined)) {
    const hit = sections.find((s) => s.condition !== undefined && matches(s.condition, value));
    if (hit) return { section: hit, signed: false };
    const rest = sections.find((s) => s.condition === undefined);
    return rest ? { section: rest, signed: true } : undefined;
  }
  const [positive, negative, zero] = sections;
  if (!positive) return undefined;
  if (value === 0 && zero) return { section: zero, signed: false };
  if (value < 0 && negative) return { section: negative, signed: false };
  return { section: positive, signed: true };
}

/**
 * A number as Looker renders it with an Excel-style format: `1234.5` with `$#,##0.00` is
 * `$1,234.50`, `0.1234` with `#,##0.0%` is `12.3%`, `-5` with `$#,##0.00;($#,##0.00)` is
 * `($5.00)`, `2500000` with `[>=1000000]$0.00,,"M";$0.00` is `$2.50M`; with one section a
 * negative number gets a leading minus before any prefix (`-$12.00`). Undefined when the format
 * is outside what this formatter reads (scientific notation, dates, text-only sections).
 */
export function formatNumber(value: number, format: string): string | undefined {
  const sections: Section[] = [];
  for (const raw of splitSections(format)) {
    const section = parseSection(raw);
    // A fourth (text) section, or any section this formatter cannot read, leaves the whole format unread.
    if (!section) return undefined;
    sections.push(section);
  }
  const chosen = pick(sections.slice(0, 3), value);
  if (!chosen) return undefined;
  const { section, signed } = chosen;
  const scaled = (Math.abs(value) * (section.percent ? 100 : 1)) / 1000 ** section.scale;
  const number = digits(scaled, section);
  const text = section.tokens.map((t) => ('number' in t ? number : t.text)).join('');
  // No minus for a value that rounds to zero (Looker never shows `-0.00`).
  const negative = signed && value < 0 && /[1-9]/.test(number);
  return negative ? `-${text}` : text;
}
