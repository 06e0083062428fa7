import type { CatalogField } from './explore-catalog';

/** The SELECT expression of a dimension, shaped the way Looker returns each type. */
export function dimensionSql(field: CatalogField): string {
  const expr = field.expr;
  if (!expr) throw new Error(`${field.name} has no SQL`);
  switch (field.type) {
    case 'yesno':
      return `CASE WHEN (${expr}) THEN 'Yes' ELSE 'No' END`;
    case 'date_date':
      return `strftime(${expr}, '%Y-%m-%d')`;
    case 'date_week':
      // DuckDB's week starts on Monday, as Looker's default week_start_day does.
      return `strftime(date_trunc('week', ${expr}), '%Y-%m-%d')`;
    case 'date_month':
      return `strftime(${expr}, '%Y-%m')`;
    case 'date_year':
      return `CAST(year(${expr}) AS INTEGER)`;
    default:
      return expr;
  }
}
