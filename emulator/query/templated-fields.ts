import type { ExploreDef, FilterOnlyDef, ParameterDef } from '../model/types';
import { exploreViews, resolveTable, type CatalogField } from './explore-catalog';
import { filterSql } from './filter-sql';
import { humanize } from './labels';

/**
 * A field a query may filter on but not select: a filter-only field (LookML `filter:`) or a
 * parameter (LookML `parameter:`). `field` describes it as a dimension of its view, so the
 * explore metadata and filter expressions treat it like one.
 */
export interface TemplatedField {
  kind: 'filter' | 'parameter';
  field: CatalogField;
  /** Filter-only fields: their LookML definition (with the `{% condition %}` SQL). */
  filter?: FilterOnlyDef;
  /** Parameters: their LookML definition (allowed values, default). */
  parameter?: ParameterDef;
}

/** The catalog entry of a filter-only field or parameter of one view. */
function templatedField(
  view: { name: string; label: string },
  def: { name: string; label?: string; description?: string },
  type: string,
): CatalogField {
  const labelShort = def.label ?? humanize(def.name);
  return {
    name: `${view.name}.${def.name}`,
    view: view.name,
    viewLabel: view.label,
    category: 'dimension',
    type,
    filterKind: type === 'number' ? 'number' : type === 'yesno' ? 'yesno' : 'string',
    label: `${view.label} ${labelShort}`,
    labelShort,
    description: def.description ?? null,
    hidden: false,
    primaryKey: false,
    isNumeric: type === 'number',
    lookmlSql: null,
    expr: null,
  };
}

/** Every filter-only field and parameter of an explore's views, keyed by `view.field`, in LookML order. */
export function exploreTemplatedFields(explore: ExploreDef): Map<string, TemplatedField> {
  const fields = new Map<string, TemplatedField>();
  for (const view of exploreViews(explore)) {
    for (const filter of view.filters ?? []) {
      const field = { ...templatedField(view, filter, filter.type), lookmlSql: filter.sql };
      fields.set(field.name, { kind: 'filter', field, filter });
    }
    for (const parameter of view.parameters ?? []) {
      const field = templatedField(view, parameter, parameter.type);
      fields.set(field.name, { kind: 'parameter', field, parameter });
    }
  }
  return fields;
}

const conditionBlock = /\{%\s*condition\s*%\}([\s\S]*?)\{%\s*endcondition\s*%\}/g;

/**
 * The WHERE condition a filter-only field's `sql` becomes for one filter expression: each
 * `{% condition %} expr {% endcondition %}` is the expression's condition on `expr`. Throws
 * FilterSyntaxError for an expression the field's type does not accept.
 */
export function filterOnlySql(templated: TemplatedField, expression: string, referenceDate: Date): string {
  const sql = templated.filter?.sql;
  if (sql === undefined) throw new Error(`${templated.field.name} is not a filter-only field`);
  const resolved = resolveTable(sql, templated.field.view);
  return `(${resolved.replace(conditionBlock, (_block, column: string) => filterSql(templated.field, expression, column.trim(), referenceDate))})`;
}
