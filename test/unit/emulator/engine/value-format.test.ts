import { formatNumber, namedValueFormat } from '../../../../emulator/engine/value-format';

test('named formats stand for the Excel-style formats Looker documents', () => {
  expect(namedValueFormat('usd')).toBe('$#,##0.00');
  expect(namedValueFormat('usd_0')).toBe('$#,##0');
  expect(namedValueFormat('percent_1')).toBe('#,##0.0%');
  expect(namedValueFormat('decimal_1')).toBe('#,##0.0');
  expect(namedValueFormat('no_such_format')).toBeUndefined();
});

test('currency, percent and decimals render as Looker shows them', () => {
  expect(formatNumber(1234.5, '$#,##0.00')).toBe('$1,234.50');
  expect(formatNumber(9136610.044, '$#,##0.00')).toBe('$9,136,610.04');
  expect(formatNumber(1234.5, '$#,##0')).toBe('$1,235');
  expect(formatNumber(-12, '$#,##0.00')).toBe('-$12.00');
  expect(formatNumber(0.1234, '#,##0.0%')).toBe('12.3%');
  expect(formatNumber(0, '#,##0.0%')).toBe('0.0%');
  expect(formatNumber(37.549, '#,##0.0')).toBe('37.5');
  expect(formatNumber(12345, '0')).toBe('12345');
  expect(formatNumber(5, '"€"#,##0.00')).toBe('€5.00');
  expect(formatNumber(5, 'not a format')).toBeUndefined();
});
