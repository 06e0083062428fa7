import type { ValidationDetail } from '../engine/types';
import { dimensionSql } from './dimension-sql';
import {
  DynamicFieldError,
  expressionSql,
  parseDynamicFields,
  referencedFields,
  type DynamicField,
  type TableCalculation,
} from './dynamic-fields';
import type { CatalogField } from './explore-catalog';

export type { TableCalculation } from './dynamic-fields';

/** A query's `dynamic_fields` turned into fields the compiler knows. */
export interface QueryCustomFields {
  /** Custom measures and dimensions by name, selectable like the explore's own fields. */
  custom: Map<string, CatalogField>;
  /** Table calculations in the order they are defined (a later one may use an earlier one). */
  calculations: TableCalculation[];
  /** The table calculations as output fields. */
  calculationFields: CatalogField[];
  /** Adds a 422 detail for each table calculation that refers to a column the result lacks. */
  checkCalculations(selected: readonly CatalogField[], pivoted: boolean, errors: ValidationDetail[]): void;
}

/**
 * A custom field built on a field of the explore: numeric, labelled as its author wrote it, with none
 * of the base field's LookML, description, format or time handling; `own` says what it computes.
 */
function derivedField(
  base: CatalogField,
  entry: { name: string; label: string },
  own: Partial<CatalogField> & Pick<CatalogField, 'type' | 'expr'>,
): CatalogField {
  return {
    ...base,
    name: entry.name,
    filterKind: 'number',
    label: entry.label,
    labelShort: entry.label,
    description: null,
    hidden: false,
    primaryKey: false,
    isNumeric: true,
    lookmlSql: null,
    timeExpr: undefined,
    dimensionGroup: undefined,
    timeframe: undefined,
    valueFormatName: undefined,
    valueFormat: undefined,
    ...own,
  };
}

/** The fields of a custom measure or dimension, or a message saying why it cannot be built. */
function customField(
  entry: Exclude<DynamicField, TableCalculation>,
  explore: ReadonlyMap<string, CatalogField>,
): CatalogField | string {
  if (entry.kind === 'measure') {
    const base = explore.get(entry.basedOn);
    if (!base || base.category !== 'dimension')
      return `Custom measure "${entry.name}" is based on "${entry.basedOn}", which is not a dimension of the explore`;
    // Its own format only: an aggregate need not look like the dimension it is based on (a count of prices is no price).
    return derivedField(base, entry, {
      category: 'measure',
      type: entry.type,
      expr: dimensionSql(base),
      measureType: entry.type,
      valueFormat: entry.valueFormat,
    });
  }
  const refs = referencedFields(entry.expression).map((name) => ({ name, field: explore.get(name) }));
  const bad = refs.find((r) => !r.field || r.field.category !== 'dimension');
  if (bad) return `Custom dimension "${entry.name}" refers to "${bad.name}", which is not a dimension of the explore`;
  const views = new Set(refs.map((r) => r.field?.view));
  const first = refs[0]?.field;
  // The compiler joins views by the fields a query uses: one view per custom dimension keeps that true.
  if (!first || views.size !== 1)
    return `Custom dimension "${entry.name}" must refer to dimensions of exactly one view in the emulator`;
  return derivedField(first, entry, {
    type: 'number',
    expr: expressionSql(entry.expression, (name) => dimensionSql(explore.get(name) as CatalogField)),
  });
}

/** A table calculation as an output field. */
function calculationField(calc: TableCalculation): CatalogField {
  return {
    name: calc.name,
    view: '',
    viewLabel: '',
    category: 'measure',
    type: 'number',
    filterKind: 'number',
    label: calc.label,
    labelShort: calc.label,
    description: null,
    hidden: false,
    primaryKey: false,
    isNumeric: true,
    lookmlSql: null,
    expr: null,
    tableCalculation: calc.expressionText,
    ...(calc.valueFormat === undefined ? {} : { valueFormat: calc.valueFormat }),
  };
}

/**
 * Reads a query's `dynamic_fields` against its explore. Problems become 422 details on
 * `dynamic_fields` (pushed to `errors`), as Looker reports a bad query.
 */
export function customFields(
  source: string | null | undefined,
  explore: ReadonlyMap<string, CatalogField>,
  errors: ValidationDetail[],
): QueryCustomFields {
  let entries: DynamicField[] = [];
  try {
    entries = parseDynamicFields(source);
  } catch (error) {
    if (!(error instanceof DynamicFieldError)) throw error;
    errors.push({ field: 'dynamic_fields', code: 'invalid', message: error.message });
  }
  const custom = new Map<string, CatalogField>();
  const calculations: TableCalculation[] = [];
  for (const entry of entries) {
    if (entry.kind === 'table_calculation') {
      calculations.push(entry);
      continue;
    }
    const field = customField(entry, explore);
    if (typeof field === 'string') errors.push({ field: 'dynamic_fields', code: 'invalid', message: field });
    else custom.set(entry.name, field);
  }
  return {
    custom,
    calculations,
    calculationFields: calculations.map(calculationField),
    checkCalculations(selected, pivoted, out) {
      if (calculations.length === 0) return;
      if (pivoted) {
        out.push({
          field: 'dynamic_fields',
          code: 'invalid',
          message: 'The emulator does not evaluate table calculations on pivoted queries',
        });
        return;
      }
      const known = new Set(selected.map((f) => f.name));
      for (const calc of calculations) {
        const missing = referencedFields(calc.expression).find((name) => !known.has(name));
        if (missing)
          out.push({
            field: 'dynamic_fields',
            code: 'invalid',
            message: `Table calculation "${calc.name}" refers to "${missing}", which the query does not select`,
          });
        known.add(calc.name);
      }
    },
  };
}
