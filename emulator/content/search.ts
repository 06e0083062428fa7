/**
 * Looker's search-parameter semantics, shared by the `…/search` endpoints:
 * - string params match case-insensitively, `%` and `_` being SQL LIKE wildcards;
 * - id ("integer") params take one value or a comma-separated list (OR);
 * - "IS NULL" / "NOT NULL" match absent / present values;
 * - criteria combine with AND, or with OR when `filter_or=true`.
 */

/** How a search parameter compares. */
export type CriterionKind = 'string' | 'id' | 'boolean';

/** A value a search parameter is compared with. */
type Scalar = string | number | boolean | null | undefined;

/** One search parameter and how to read the value(s) it is compared with (any of a list may match). */
export interface Criterion<T> {
  param: string;
  kind: CriterionKind;
  value: (item: T) => Scalar | readonly Scalar[];
}

/** A predicate on a value read from an item. */
type ValuePredicate = (value: Scalar) => boolean;

/** Escapes a LIKE pattern into an anchored, case-insensitive regular expression. */
export function likePattern(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

/** The predicate of one search parameter's text, or undefined when the text says nothing. */
function predicate(kind: CriterionKind, text: string): ValuePredicate {
  const trimmed = text.trim();
  if (/^is null$/i.test(trimmed)) return (v) => v === null || v === undefined || v === '';
  if (/^not null$/i.test(trimmed)) return (v) => v !== null && v !== undefined && v !== '';
  if (kind === 'boolean') {
    const wanted = trimmed.toLowerCase() === 'true';
    return (v) => Boolean(v) === wanted;
  }
  if (kind === 'id') {
    const ids = new Set(
      trimmed
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    );
    return (v) => v !== null && v !== undefined && ids.has(String(v));
  }
  const rx = likePattern(text);
  return (v) => v !== null && v !== undefined && rx.test(String(v));
}

/**
 * Filters items by the criteria whose parameter is present in `params`. With no criterion present
 * every item matches (Looker's search with no criteria lists everything).
 */
export function applySearch<T>(
  items: readonly T[],
  criteria: readonly Criterion<T>[],
  params: (name: string) => string | undefined,
  filterOr: boolean,
): T[] {
  const active = criteria
    .map((c) => ({ c, text: params(c.param) }))
    .filter((x): x is { c: Criterion<T>; text: string } => x.text !== undefined)
    .map(({ c, text }) => ({ read: c.value, test: predicate(c.kind, text) }));
  if (active.length === 0) return [...items];
  return items.filter((item) => {
    const results = active.map(({ read, test }) => {
      const value = read(item);
      return Array.isArray(value) ? value.some((v: Scalar) => test(v)) : test(value as Scalar);
    });
    return filterOr ? results.some(Boolean) : results.every(Boolean);
  });
}

/** A value read for sorting. */
type SortValue = string | number | boolean | Date | null | undefined;

/**
 * Sorts by Looker's `sorts` parameter: comma-separated `field [asc|desc]`. Unknown fields are
 * ignored; ties keep the default order (by numeric id).
 */
export function applySorts<T>(
  items: readonly T[],
  sorts: string | undefined,
  keys: Readonly<Record<string, (item: T) => SortValue>>,
): T[] {
  const specs = (sorts ?? '')
    .split(',')
    .map((s) => s.trim().split(/\s+/))
    .map(([field, dir]) => ({ key: field ? keys[field] : undefined, desc: (dir ?? '').toLowerCase() === 'desc' }))
    .filter((s): s is { key: (item: T) => SortValue; desc: boolean } => s.key !== undefined);
  if (specs.length === 0) return [...items];
  return [...items].sort((a, b) => {
    for (const { key, desc } of specs) {
      const c = compare(key(a), key(b));
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });
}

/** Compares sort values: nulls first, numbers numerically, strings case-insensitively. */
function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { sensitivity: 'base', numeric: true });
}

/** Paging: `limit`/`offset` take priority over the deprecated `page`/`per_page`. */
export interface Paging {
  limit?: number;
  offset?: number;
  page?: number;
  perPage?: number;
}

/** Applies Looker's paging parameters. */
export function applyPaging<T>(items: readonly T[], paging: Paging): T[] {
  if (paging.limit !== undefined || paging.offset !== undefined) {
    const offset = Math.max(0, paging.offset ?? 0);
    return items.slice(offset, paging.limit !== undefined ? offset + Math.max(0, paging.limit) : undefined);
  }
  if (paging.perPage !== undefined) {
    const page = Math.max(1, paging.page ?? 1);
    return items.slice((page - 1) * paging.perPage, page * paging.perPage);
  }
  return [...items];
}
