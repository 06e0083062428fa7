import { FilterSyntaxError } from './filter-error';

/** SQL for a yesno filter (`Yes` / `No`, any case). `No` includes rows where the condition is NULL. */
export function yesnoFilterSql(expression: string, condition: string): string {
  const value = expression.trim().toLowerCase();
  if (value === 'yes') return `(${condition})`;
  if (value === 'no') return `NOT COALESCE((${condition}), FALSE)`;
  throw new FilterSyntaxError(expression, 'a yesno filter is "Yes" or "No"');
}
