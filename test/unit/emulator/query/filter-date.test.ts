import { dateFilterSql, parseDateFilter, type DateCondition } from '../../../../emulator/query/filter-date';
import { FilterSyntaxError } from '../../../../emulator/query/filter-error';

/** Thursday 2026-06-18: weeks start on Monday 2026-06-15. */
const REF = new Date('2026-06-18T00:00:00Z');

/** The single [start, end) span a filter names, as ISO dates. */
function span(expression: string, ref = REF): [string | undefined, string | undefined] {
  const conditions: DateCondition[] = parseDateFilter(expression, ref);
  expect(conditions).toHaveLength(1);
  const c = conditions[0];
  if (c?.kind !== 'range') throw new Error('expected a range');
  const iso = (d: Date | undefined): string | undefined => d?.toISOString().replace('T00:00:00.000Z', '');
  return [iso(c.start), iso(c.end)];
}

describe('relative date filters count from the reference day', () => {
  test.each([
    ['today', '2026-06-18', '2026-06-19'],
    ['yesterday', '2026-06-17', '2026-06-18'],
    ['tomorrow', '2026-06-19', '2026-06-20'],
    ['7 days', '2026-06-12', '2026-06-19'],
    ['last 7 days', '2026-06-12', '2026-06-19'],
    ['1 day', '2026-06-18', '2026-06-19'],
    ['this week', '2026-06-15', '2026-06-22'],
    ['last week', '2026-06-08', '2026-06-15'],
    ['next week', '2026-06-22', '2026-06-29'],
    ['this month', '2026-06-01', '2026-07-01'],
    ['last month', '2026-05-01', '2026-06-01'],
    ['3 months', '2026-04-01', '2026-07-01'],
    ['this quarter', '2026-04-01', '2026-07-01'],
    ['last quarter', '2026-01-01', '2026-04-01'],
    ['this year', '2026-01-01', '2027-01-01'],
    ['last year', '2025-01-01', '2026-01-01'],
    ['2 years', '2025-01-01', '2027-01-01'],
    ['3 days ago', '2026-06-15', '2026-06-16'],
    ['2 months ago', '2026-04-01', '2026-05-01'],
    ['1 week ago', '2026-06-08', '2026-06-15'],
    ['2 days from now', '2026-06-20', '2026-06-21'],
    ['next 2 weeks', '2026-06-22', '2026-07-06'],
  ])('%s → [%s, %s)', (expression, start, end) => {
    expect(span(expression)).toEqual([start, end]);
  });

  test('hours and minutes count back from the end of the reference day', () => {
    const [hours] = parseDateFilter('24 hours', REF);
    expect(hours).toEqual({
      kind: 'range',
      start: new Date('2026-06-18T00:00:00Z'),
      end: new Date('2026-06-19T00:00:00Z'),
    });
    const [minutes] = parseDateFilter('last 30 minutes', REF);
    expect(minutes).toEqual({
      kind: 'range',
      start: new Date('2026-06-18T23:30:00Z'),
      end: new Date('2026-06-19T00:00:00Z'),
    });
  });

  test('before and after now; "6 weeks ago for 6 weeks" is the six complete weeks before this one', () => {
    expect(span('before now')).toEqual([undefined, '2026-06-19']);
    expect(span('after 2 weeks ago')).toEqual(['2026-06-01', undefined]);
    expect(span('6 weeks ago for 6 weeks')).toEqual(['2026-05-04', '2026-06-15']);
  });

  test('this week on a Monday starts that Monday', () => {
    expect(span('this week', new Date('2026-06-15T00:00:00Z'))).toEqual(['2026-06-15', '2026-06-22']);
  });

  test('month arithmetic crosses year boundaries', () => {
    expect(span('last month', new Date('2026-01-10T00:00:00Z'))).toEqual(['2025-12-01', '2026-01-01']);
  });

  test('a time of day in the reference date is ignored', () => {
    expect(span('today', new Date('2026-06-18T22:30:00Z'))).toEqual(['2026-06-18', '2026-06-19']);
  });

  test('words are case-insensitive and spacing is free', () => {
    expect(span('  Last   Month ')).toEqual(['2026-05-01', '2026-06-01']);
  });
});

describe('absolute date filters', () => {
  test.each([
    ['2025', '2025-01-01', '2026-01-01'],
    ['2025-03', '2025-03-01', '2025-04-01'],
    ['2025-03-05', '2025-03-05', '2025-03-06'],
    ['2025/03/05', '2025-03-05', '2025-03-06'],
    ['2025-01-01 to 2025-02-01', '2025-01-01', '2025-02-01'],
    ['2025-01 to 2025-03', '2025-01-01', '2025-03-01'],
    ['2025-03-05 for 3 days', '2025-03-05', '2025-03-08'],
    ['after 2025-01-01', '2025-01-01', undefined],
    ['before 2025-01-01', undefined, '2025-01-01'],
    ['before 3 days ago', undefined, '2026-06-15'],
  ])('%s → [%s, %s)', (expression, start, end) => {
    expect(span(expression)).toEqual([start, end]);
  });

  test('a date with a time names that minute', () => {
    const [c] = parseDateFilter('2025-03-05 10:30', REF);
    expect(c).toEqual({
      kind: 'range',
      start: new Date('2025-03-05T10:30:00Z'),
      end: new Date('2025-03-05T10:31:00Z'),
    });
  });

  test('NULL and NOT NULL', () => {
    expect(parseDateFilter('NULL', REF)).toEqual([{ kind: 'null', negated: false }]);
    expect(parseDateFilter('not null', REF)).toEqual([{ kind: 'null', negated: true }]);
  });

  test('comma-separated alternatives are OR-ed in SQL', () => {
    expect(dateFilterSql('2024,NULL', 'x', REF)).toBe(
      "((x >= TIMESTAMP '2024-01-01 00:00:00' AND x < TIMESTAMP '2025-01-01 00:00:00') OR x IS NULL)",
    );
  });

  test.each([
    'now',
    'soon',
    '2025-13',
    '2025-02-30',
    'last fortnight',
    '0 days',
    "2025' OR 1=1 --",
    'before',
    '7 days ago ago',
  ])('"%s" is rejected', (expression) => {
    expect(() => parseDateFilter(expression, REF)).toThrow(FilterSyntaxError);
  });
});
