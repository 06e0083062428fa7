import { addUnits, startOf, unitOf, utcDay, type DateUnit } from './date-units';
import { FilterSyntaxError } from './filter-error';
import { sqlTimestamp } from './sql-literal';

/** One alternative of a date filter: a half-open interval [start, end), or a NULL test. */
export type DateCondition = { kind: 'range'; start?: Date; end?: Date } | { kind: 'null'; negated: boolean };

type Span = { start: Date; end: Date };

const ABSOLUTE = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2})(?:[ t](\d{1,2}):(\d{2})(?::(\d{2}))?)?)?)?$/;

/** An absolute date (`2025`, `2025-03`, `2025/03/05`, `2025-03-05 10:30`) as the span it names. */
function absoluteSpan(text: string): Span | undefined {
  const m = ABSOLUTE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return { start: utcDay(year, 0, 1), end: utcDay(year + 1, 0, 1) };
  const month0 = Number(m[2]) - 1;
  if (month0 < 0 || month0 > 11) return undefined;
  if (m[3] === undefined) return { start: utcDay(year, month0, 1), end: utcDay(year, month0 + 1, 1) };
  const day = Number(m[3]);
  const start = utcDay(year, month0, day);
  if (start.getUTCMonth() !== month0 || day < 1) return undefined;
  if (m[4] === undefined) return { start, end: utcDay(year, month0, day + 1) };
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  if (hour > 23 || minute > 59 || Number(m[6] ?? 0) > 59) return undefined;
  const at = new Date(start.getTime() + ((hour * 60 + minute) * 60 + Number(m[6] ?? 0)) * 1000);
  return { start: at, end: new Date(at.getTime() + (m[6] === undefined ? 60_000 : 1000)) };
}

/**
 * A span relative to the reference day: `today`, `3 days ago`, `this month`, `last week`, ...
 * "Now" is the end of the reference day (the data set's last instant), so `this hour` is its
 * last hour and `before now` is everything.
 */
function relativeSpan(words: string[], today: Date): Span | undefined {
  const now = addUnits(today, 'day', 1);
  const lastInstant = new Date(now.getTime() - 1);
  const unitSpan = (unit: DateUnit, offset: number): Span => {
    const start = addUnits(startOf(unit, lastInstant), unit, offset);
    return { start, end: addUnits(start, unit, 1) };
  };
  const [a, b, c] = words;
  if (words.length === 1) {
    if (a === 'now') return { start: now, end: now };
    if (a === 'today') return unitSpan('day', 0);
    if (a === 'yesterday') return unitSpan('day', -1);
    if (a === 'tomorrow') return unitSpan('day', 1);
    return undefined;
  }
  const count = Number(a);
  const isCount = a !== undefined && /^\d+$/.test(a) && count > 0;
  if (words.length === 2) {
    const unit = unitOf(b);
    if (!unit) return undefined;
    if (a === 'this') return unitSpan(unit, 0);
    if (a === 'last') return unitSpan(unit, -1);
    if (a === 'next') return unitSpan(unit, 1);
    // `3 months`: the current (partial) month and the 2 before it, as Looker counts.
    if (isCount) return { start: unitSpan(unit, -(count - 1)).start, end: unitSpan(unit, 1).start };
    return undefined;
  }
  if (words.length === 3) {
    const unit = unitOf(c);
    const n = Number(b);
    const isN = b !== undefined && /^\d+$/.test(b) && n > 0;
    if (a === 'last' && unit && isN) return { start: unitSpan(unit, -(n - 1)).start, end: unitSpan(unit, 1).start };
    if (a === 'next' && unit && isN) return { start: unitSpan(unit, 1).start, end: unitSpan(unit, 1 + n).start };
    const agoUnit = unitOf(b);
    if (isCount && agoUnit && c === 'ago') return unitSpan(agoUnit, -count);
    return undefined;
  }
  if (words.length === 4 && isCount && words[2] === 'from' && words[3] === 'now') {
    const unit = unitOf(b);
    return unit ? unitSpan(unit, count) : undefined;
  }
  return undefined;
}

/** A point or span written as an absolute date or a relative phrase. */
function spanOf(text: string, today: Date): Span | undefined {
  const trimmed = text.trim();
  return absoluteSpan(trimmed) ?? relativeSpan(trimmed.split(/\s+/), today);
}

/** `<span> for N units`: N units starting at the span's start. */
function forSpan(text: string, today: Date): Span | undefined {
  const m = /^(.+?)\s+for\s+(\d+)\s+([a-z]+)$/.exec(text);
  if (!m) return undefined;
  const from = spanOf(m[1] ?? '', today);
  const unit = unitOf(m[3]);
  const n = Number(m[2]);
  if (!from || !unit || n <= 0) return undefined;
  return { start: from.start, end: addUnits(from.start, unit, n) };
}

function alternative(text: string, today: Date, expression: string): DateCondition {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === 'null') return { kind: 'null', negated: false };
  if (t === 'not null') return { kind: 'null', negated: true };
  const before = /^before (.+)$/.exec(t);
  if (before) {
    const point = spanOf(before[1] ?? '', today);
    if (point) return { kind: 'range', end: point.start };
  }
  const after = /^after (.+)$/.exec(t);
  if (after) {
    // Looker's "after" includes the day itself ("on or after").
    const point = spanOf(after[1] ?? '', today);
    if (point) return { kind: 'range', start: point.start };
  }
  const to = /^(.+?) to (.+)$/.exec(t);
  if (to) {
    // `2025-01-01 to 2025-02-01`: from the first date up to, not including, the second.
    const from = spanOf(to[1] ?? '', today);
    const until = spanOf(to[2] ?? '', today);
    if (from && until) return { kind: 'range', start: from.start, end: until.start };
  }
  const span = forSpan(t, today) ?? spanOf(t, today);
  if (!span || span.start.getTime() === span.end.getTime())
    throw new FilterSyntaxError(expression, `"${text.trim()}" is not a date filter Looker understands`);
  return { kind: 'range', start: span.start, end: span.end };
}

/** Parse a Looker date filter relative to `referenceDate` (its UTC day is "today"). */
export function parseDateFilter(expression: string, referenceDate: Date): DateCondition[] {
  const today = startOf('day', referenceDate);
  const parts = expression.split(',').filter((p) => p.trim().length > 0);
  if (parts.length === 0) throw new FilterSyntaxError(expression, 'empty expression');
  return parts.map((p) => alternative(p, today, expression));
}

/** SQL for a date filter over a timestamp expression; alternatives are OR'ed. */
export function dateFilterSql(expression: string, column: string, referenceDate: Date): string {
  const sql = parseDateFilter(expression, referenceDate).map((c) => {
    if (c.kind === 'null') return `${column} IS ${c.negated ? 'NOT ' : ''}NULL`;
    const bounds = [];
    if (c.start) bounds.push(`${column} >= ${sqlTimestamp(c.start)}`);
    if (c.end) bounds.push(`${column} < ${sqlTimestamp(c.end)}`);
    return bounds.length === 1 ? (bounds[0] as string) : `(${bounds.join(' AND ')})`;
  });
  return sql.length === 1 ? (sql[0] as string) : `(${sql.join(' OR ')})`;
}
