import type { CatalogField } from './explore-catalog';

/** One ORDER BY term: a selected field and its direction. */
export interface SortTerm {
  field: CatalogField;
  desc: boolean;
}

/** Parse `"orders.created_date desc"` (a trailing pivot index, as Looker writes `desc 0`, is ignored). */
export function parseSort(sort: string): { name: string; desc: boolean } | undefined {
  const parts = sort.trim().split(/\s+/);
  const [name, direction] = parts;
  if (!name) return undefined;
  if (direction !== undefined && !/^(asc|desc)$/i.test(direction)) return undefined;
  return { name, desc: direction?.toLowerCase() === 'desc' };
}

/**
 * Looker's default order when a query names none: the first date dimension descending; else the
 * first measure descending; else the first dimension ascending.
 */
export function defaultSort(selected: CatalogField[]): SortTerm[] {
  const date = selected.find((f) => f.category === 'dimension' && f.type.startsWith('date_'));
  if (date) return [{ field: date, desc: true }];
  const measure = selected.find((f) => f.category === 'measure');
  if (measure) return [{ field: measure, desc: true }];
  const first = selected[0];
  return first ? [{ field: first, desc: false }] : [];
}
