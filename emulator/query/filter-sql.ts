import type { CatalogField } from './explore-catalog';
import { dateFilterSql } from './filter-date';
import { numberFilterSql } from './filter-number';
import { stringFilterSql } from './filter-string';
import { yesnoFilterSql } from './filter-yesno';

/**
 * SQL for one field's Looker filter expression, read according to the field's type. `column` is
 * the SQL the condition applies to (a dimension's expression or a measure's aggregate). Throws
 * FilterSyntaxError for an expression the type does not accept.
 */
export function filterSql(field: CatalogField, expression: string, column: string, referenceDate: Date): string {
  switch (field.filterKind) {
    case 'string':
      return stringFilterSql(expression, column);
    case 'number':
      return numberFilterSql(expression, column);
    case 'yesno':
      return yesnoFilterSql(expression, column);
    case 'date':
      return dateFilterSql(expression, field.timeExpr ?? column, referenceDate);
  }
}
