/** Calendar units of Looker's date filters, all computed in UTC. */
export type DateUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const UNIT_WORDS: Record<string, DateUnit> = {
  minute: 'minute',
  minutes: 'minute',
  hour: 'hour',
  hours: 'hour',
  day: 'day',
  days: 'day',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  quarter: 'quarter',
  quarters: 'quarter',
  year: 'year',
  years: 'year',
};

/** The unit a word names (`days` → `day`), or undefined. */
export function unitOf(word: string | undefined): DateUnit | undefined {
  return word === undefined ? undefined : UNIT_WORDS[word.toLowerCase()];
}

/** A UTC midnight date. */
export function utcDay(year: number, month0: number, day: number): Date {
  return new Date(Date.UTC(year, month0, day));
}

/** The start of the unit containing `date` (weeks start on Monday, as Looker's default). */
export function startOf(unit: DateUnit, date: Date): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  switch (unit) {
    case 'minute':
      return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
    case 'hour':
      return new Date(Math.floor(date.getTime() / 3_600_000) * 3_600_000);
    case 'day':
      return utcDay(y, m, date.getUTCDate());
    case 'week': {
      const daysSinceMonday = (date.getUTCDay() + 6) % 7;
      return utcDay(y, m, date.getUTCDate() - daysSinceMonday);
    }
    case 'month':
      return utcDay(y, m, 1);
    case 'quarter':
      return utcDay(y, m - (m % 3), 1);
    case 'year':
      return utcDay(y, 0, 1);
  }
}

/** `date` moved by `n` units (month arithmetic assumes unit starts, which is what callers pass). */
export function addUnits(date: Date, unit: DateUnit, n: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  const rest = date.getTime() - utcDay(y, m, d).getTime();
  if (unit === 'minute') return new Date(date.getTime() + n * 60_000);
  if (unit === 'hour') return new Date(date.getTime() + n * 3_600_000);
  let moved: Date;
  switch (unit) {
    case 'day':
      moved = utcDay(y, m, d + n);
      break;
    case 'week':
      moved = utcDay(y, m, d + 7 * n);
      break;
    case 'month':
      moved = utcDay(y, m + n, d);
      break;
    case 'quarter':
      moved = utcDay(y, m + 3 * n, d);
      break;
    case 'year':
      moved = utcDay(y + n, m, d);
      break;
  }
  return new Date(moved.getTime() + rest);
}
