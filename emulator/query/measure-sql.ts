import type { CatalogField } from './explore-catalog';

/**
 * The aggregate SQL of a measure. When the query's joins repeat the measure's rows (fan-out),
 * sums and averages aggregate over the distinct (primary key, value) pairs instead — the effect of
 * Looker's symmetric aggregates — so `users.average_age` stays right when users are joined to
 * their orders. Counts always count distinct primary keys when rows may repeat.
 */
export function measureSql(
  field: CatalogField,
  primaryKeyExpr: string,
  fannedOut: boolean,
  isBaseView: boolean,
): string {
  const value = field.expr ?? 'NULL';
  const distinctValues = `list_transform(list_distinct(list({'k': ${primaryKeyExpr}, 'v': ${value}})), e -> e.v)`;
  switch (field.measureType) {
    case 'count':
      // A joined view's rows can be absent (left join) or repeated, so count its keys.
      return fannedOut || !isBaseView ? `COUNT(DISTINCT ${primaryKeyExpr})` : 'COUNT(*)';
    case 'count_distinct':
      return `COUNT(DISTINCT ${value})`;
    case 'sum':
      return fannedOut ? `list_sum(${distinctValues})` : `SUM(${value})`;
    case 'average':
      return fannedOut ? `list_avg(${distinctValues})` : `AVG(${value})`;
    case 'min':
      return `MIN(${value})`;
    case 'max':
      return `MAX(${value})`;
    default:
      throw new Error(`${field.name} is not a measure`);
  }
}
