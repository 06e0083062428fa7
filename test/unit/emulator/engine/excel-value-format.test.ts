import { formatNumber, namedValueFormat } from '../../../../emulator/engine/value-format';

/** A named format applied to a value, as Looker renders it. */
const named = (name: string, value: number): string | undefined => {
  const format = namedValueFormat(name);
  return format === undefined ? undefined : formatNumber(value, format);
};

// Looker's `value_format_name` reference ("Default format names"): the numeric formats start from
// 1234.56789, the percent formats from 0.123456; Looker rounds, it does not truncate.
test.each([
  ['decimal_0', 1234.56789, '1,235'],
  ['decimal_1', 1234.56789, '1,234.6'],
  ['decimal_2', 1234.56789, '1,234.57'],
  ['decimal_3', 1234.56789, '1,234.568'],
  ['decimal_4', 1234.56789, '1,234.5679'],
  ['usd_0', 1234.56789, '$1,235'],
  ['usd', 1234.56789, '$1,234.57'],
  ['gbp_0', 1234.56789, '£1,235'],
  ['gbp', 1234.56789, '£1,234.57'],
  ['eur_0', 1234.56789, '€1,235'],
  ['eur', 1234.56789, '€1,234.57'],
  ['id', 1234.56789, '1235'],
  ['percent_0', 0.123456, '12%'],
  ['percent_1', 0.123456, '12.3%'],
  ['percent_2', 0.123456, '12.35%'],
  ['percent_3', 0.123456, '12.346%'],
  ['percent_4', 0.123456, '12.3456%'],
])('the named format %s renders %d as Looker documents it', (name, value, text) => {
  expect(named(name, value)).toBe(text);
});

// Looker's `value_format` / `named_value_format` reference ("Common value_format formatting strings").
test.each([
  ['0', 123, '123'],
  ['0.##', 1, '1.'],
  ['0.##', 1.2, '1.2'],
  ['0.##', 1.234, '1.23'],
  ['0.00', 1.234, '1.23'],
  ['#,##0', 1234, '1,234'],
  ['#,##0.00', 1234, '1,234.00'],
  ['0.000,," M"', 1234000, '1.234 M'],
  ['0.000," K"', 1234, '1.234 K'],
  ['$0', 123, '$123'],
  ['$0.00', 123, '$123.00'],
  ['"€"0', 123, '€123'],
  ['$#,##0.00', 1234, '$1,234.00'],
  ['$#.00;($#.00)', 12.5, '$12.50'],
  ['$#.00;($#.00)', -12.5, '($12.50)'],
  ['0\\%', 1, '1%'],
  ['0.00\\%', 1, '1.00%'],
  ['0%', 0.01, '1%'],
  ['0.00%', 0.01, '1.00%'],
  // The reference writes `"0 \" String\""` (LookML quoting) for `123 String`; without the extra space.
  ['0" String"', 123, '123 String'],
])('the Excel-style format %s renders %d as Looker documents it', (format, value, text) => {
  expect(formatNumber(value, format)).toBe(text);
});

// Conditional sections and thousands scaling, as Looker's visualization "Value format" field and
// its custom-formatting page describe them (Excel's rules: the first matching condition wins, the
// section without a condition takes the rest).
describe('conditional sections with comma scaling', () => {
  const millions = '[>=1000000]$0.00,,"M";[>=1000]$0.00,"K";$0.00';
  test.each([
    [2_500_000, '$2.50M'],
    [1_000_000, '$1.00M'],
    [999_999, '$1000.00K'],
    [12_345, '$12.35K'],
    [1000, '$1.00K'],
    [999.5, '$999.50'],
    [0, '$0.00'],
    [-5000, '-$5000.00'],
  ])('%d renders %s', (value, text) => {
    expect(formatNumber(value, millions)).toBe(text);
  });
});

describe('positive;negative;zero sections', () => {
  const accounting = '$#,##0.00;($#,##0.00)';
  it('wraps negatives in parentheses without a minus sign', () => {
    expect(formatNumber(-1234.5, accounting)).toBe('($1,234.50)');
    expect(formatNumber(1234.5, accounting)).toBe('$1,234.50');
  });
  it('uses the zero section for zero', () => {
    expect(formatNumber(0, '#,##0;-#,##0;"none"')).toBe('none');
    expect(formatNumber(-3, '#,##0;-#,##0;"none"')).toBe('-3');
  });
  it('puts a minus before the whole text with a single section', () => {
    expect(formatNumber(-12, '$#,##0.00')).toBe('-$12.00');
  });
  it('never renders minus zero', () => {
    expect(formatNumber(-0.001, '0.00')).toBe('0.00');
  });
});

describe('placeholders', () => {
  it('drops a leading zero when the integer part has only #', () => {
    expect(formatNumber(0.5, '$#.00')).toBe('$.50');
  });
  it('pads with 0 placeholders', () => {
    expect(formatNumber(7, '000')).toBe('007');
  });
  it('rounds half away from zero where binary fractions would not', () => {
    expect(formatNumber(1.005, '0.00')).toBe('1.01');
    expect(formatNumber(2.5, '0')).toBe('3');
  });
  it('ignores colours and keeps escaped and quoted text', () => {
    expect(formatNumber(-4, '0;[Red]-0')).toBe('-4');
    expect(formatNumber(4, '\\$0')).toBe('$4');
  });
  it('answers undefined for what it cannot read (scientific notation, dates, text only)', () => {
    expect(formatNumber(5, '0.00E+00')).toBeUndefined();
    expect(formatNumber(5, 'yyyy-mm-dd')).toBeUndefined();
    expect(formatNumber(5, 'not a format')).toBeUndefined();
  });
});
