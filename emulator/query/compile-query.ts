import type { QueryRequest, ResultField, ValidationDetail } from '../engine/types';
import { QueryValidationError, UnknownExploreError } from '../engine/types';
import type { ExploreDef } from '../model/types';
import { dimensionSql } from './dimension-sql';
import { customFields, type TableCalculation } from './dynamic-query-fields';
import { exploreFields, findExplore, type CatalogField } from './explore-catalog';
import { compileCustomFilter, type CompiledCustomFilter } from './custom-filter';
import { FilterSyntaxError } from './filter-error';
import { filterSql } from './filter-sql';
import { isFannedOut, planJoins, requiredJoins, type PlannedJoin } from './join-plan';
import { measureSql } from './measure-sql';
import { resolveLimit } from './query-limit';
import { exploreTemplatedFields, filterOnlySql, type TemplatedField } from './templated-fields';
import { defaultSort, parseSort, type SortTerm } from './query-sorts';

/** A query turned into SQL, with what is needed to shape its rows. */
export interface CompiledQuery {
  sql: string;
  /** The selected fields, in the order the query lists them (the SELECT order). */
  fields: CatalogField[];
  /** The selected fields' metadata, as results report it. */
  resultFields: ResultField[];
  /** Pivot dimensions (a subset of `fields`). */
  pivots: CatalogField[];
  /** Per pivot dimension, whether the query sorts it descending (pivot columns follow it). */
  pivotDescending: boolean[];
  /** Row limit; for pivoted queries it applies to the pivoted rows, not the SQL. */
  limit: number;
  /** Pivoted queries: the most pivot columns kept (`column_limit`), or undefined for all. */
  columnLimit?: number;
  /** Table calculations, computed from each row after the SQL has run, in `dynamic_fields` order. */
  tableCalculations: TableCalculation[];
  /** The table calculations as output fields (after `fields`). */
  calculationFields: CatalogField[];
}

/** Options of one compilation. */
export interface CompileOptions {
  /** The day relative date filters count from. */
  referenceDate: Date;
  /** Overrides the query's own limit (as `run_query`'s `limit` parameter does). */
  limit?: number;
}

interface ExplorePlan {
  explore: ExploreDef;
  fields: Map<string, CatalogField>;
  joins: Map<string, PlannedJoin>;
  /** Filter-only fields and parameters: queries may filter on them, not select them. */
  templated: Map<string, TemplatedField>;
}

const plans = new Map<string, ExplorePlan>();

function explorePlan(model: string, view: string): ExplorePlan {
  const key = `${model}::${view}`;
  const cached = plans.get(key);
  if (cached) return cached;
  const found = findExplore(model, view);
  if (!found) throw new UnknownExploreError(model, view);
  const fields = exploreFields(found.explore);
  const plan = {
    explore: found.explore,
    fields,
    joins: planJoins(found.explore, fields),
    templated: exploreTemplatedFields(found.explore),
  };
  plans.set(key, plan);
  return plan;
}

/** SQL alias of a field, Looker style: `order_items.created_date` → `order_items_created_date`. */
export function fieldAlias(name: string): string {
  return name.replace(/\./g, '_');
}

/** Result metadata for a selected field. */
export function toResultField(f: CatalogField): ResultField {
  return {
    name: f.name,
    label: f.label,
    label_short: f.labelShort,
    view: f.view,
    type: f.type,
    category: f.category,
    is_numeric: f.isNumeric,
    sql: f.lookmlSql ?? '',
  };
}

/**
 * Compile a Looker query against the demo models into DuckDB SQL. Throws UnknownExploreError for
 * an unknown model or explore, and QueryValidationError listing every bad field, filter, sort,
 * pivot or limit.
 */
export function compileQuery(query: QueryRequest, options: CompileOptions): CompiledQuery {
  const plan = explorePlan(query.model, query.view);
  const errors: ValidationDetail[] = [];
  // Custom fields join the explore's for this query; table calculations are computed after the SQL.
  const dynamic = customFields(query.dynamic_fields, plan.fields, errors);
  const lookup = (name: string, what: string): CatalogField | undefined => {
    const field = plan.fields.get(name) ?? dynamic.custom.get(name);
    const templated = plan.templated.get(name)?.kind;
    if (!field)
      errors.push({
        field: name,
        code: 'not_found',
        message: templated
          ? `${what} "${name}" is a ${templated === 'filter' ? 'filter-only field' : 'parameter'} of explore ${query.model}::${query.view}: use it in filters only`
          : `${what} "${name}" is not a field of explore ${query.model}::${query.view}`,
      });
    return field;
  };

  const selected: CatalogField[] = [];
  for (const name of query.fields ?? []) {
    // Looker lists table calculations in `fields` too; they are not columns of the SQL.
    if (dynamic.calculations.some((c) => c.name === name)) continue;
    const field = lookup(name, 'Field');
    if (field && !selected.includes(field)) selected.push(field);
  }
  const pivots: CatalogField[] = [];
  for (const name of query.pivots ?? []) {
    const field = lookup(name, 'Pivot');
    if (!field) continue;
    if (field.category !== 'dimension')
      errors.push({ field: name, code: 'invalid', message: `Pivot "${name}" must be a dimension` });
    else if (!pivots.includes(field)) pivots.push(field);
    if (!selected.includes(field)) selected.push(field);
  }

  dynamic.checkCalculations(selected, pivots.length > 0, errors);
  const columnLimit =
    query.column_limit === undefined || query.column_limit === null || query.column_limit === ''
      ? undefined
      : Number(query.column_limit);
  if (columnLimit !== undefined && !(Number.isInteger(columnLimit) && columnLimit > 0)) {
    errors.push({
      field: 'column_limit',
      code: 'invalid',
      message: `column_limit "${String(query.column_limit)}" is not a positive integer`,
    });
  }
  const limit = options.limit !== undefined ? resolveLimit(options.limit) : resolveLimit(query.limit);
  if ('error' in limit) errors.push({ field: 'limit', code: 'invalid', message: limit.error });

  const filters: { field: CatalogField; expression: string }[] = [];
  const templatedFilters: { templated: TemplatedField; expression: string }[] = [];
  for (const [name, expression] of Object.entries(query.filters ?? {})) {
    const templated = plan.templated.get(name);
    if (templated) {
      // A parameter reaches SQL only through `{% parameter %}`, which no demo field reads: accepted, no effect.
      if (templated.kind === 'filter' && typeof expression === 'string' && expression.trim() !== '')
        templatedFilters.push({ templated, expression });
      continue;
    }
    const field = lookup(name, 'Filter');
    if (field && typeof expression === 'string' && expression.trim() !== '') filters.push({ field, expression });
  }

  const sorts: SortTerm[] = [];
  for (const text of query.sorts ?? []) {
    const parsed = parseSort(text);
    if (!parsed) {
      errors.push({ field: text, code: 'invalid', message: `Sort "${text}" is not "<field> [asc|desc]"` });
      continue;
    }
    const field = lookup(parsed.name, 'Sort');
    // Looker ignores sorts on fields the query does not select.
    if (field && selected.includes(field)) sorts.push({ field, desc: parsed.desc });
  }
  if (selected.length === 0 && errors.length === 0) {
    errors.push({ field: 'fields', code: 'missing', message: 'A query needs at least one dimension or measure' });
  }

  // A custom filter (`filter_expression`), in the subset `compileCustomFilter` reads.
  let customFilter: CompiledCustomFilter | undefined;
  if (typeof query.filter_expression === 'string' && query.filter_expression.trim() !== '') {
    try {
      customFilter = compileCustomFilter(
        query.filter_expression,
        (name) => plan.fields.get(name) ?? dynamic.custom.get(name),
        options.referenceDate,
      );
    } catch (error) {
      if (!(error instanceof FilterSyntaxError)) throw error;
      errors.push({ field: 'filter_expression', code: 'invalid', message: error.message });
    }
  }

  const usedViews = new Set(
    [
      ...selected,
      ...filters.map((f) => f.field),
      ...templatedFilters.map((f) => f.templated.field),
      ...(customFilter?.fields ?? []),
    ].map((f) => f.view),
  );
  const joins = requiredJoins(plan.explore, plan.joins, usedViews);
  const exprOf = (field: CatalogField): string => {
    if (field.category === 'dimension') return dimensionSql(field);
    const pk = [...plan.fields.values()].find((f) => f.view === field.view && f.primaryKey);
    if (!pk?.expr) throw new Error(`view ${field.view} has no primary key`);
    return measureSql(field, pk.expr, isFannedOut(field.view, joins), field.view === plan.explore.baseView);
  };

  const where: string[] = [];
  const having: string[] = [];
  for (const { field, expression } of filters) {
    try {
      const column = field.category === 'measure' ? exprOf(field) : (field.expr ?? '');
      (field.category === 'measure' ? having : where).push(filterSql(field, expression, column, options.referenceDate));
    } catch (error) {
      if (!(error instanceof FilterSyntaxError)) throw error;
      errors.push({ field: field.name, code: 'invalid', message: error.message });
    }
  }
  for (const { templated, expression } of templatedFilters) {
    try {
      where.push(filterOnlySql(templated, expression, options.referenceDate));
    } catch (error) {
      if (!(error instanceof FilterSyntaxError)) throw error;
      errors.push({ field: templated.field.name, code: 'invalid', message: error.message });
    }
  }
  if (customFilter && typeof query.filter_expression === 'string') {
    // Compiled again now that the joins are known: a measure's SQL depends on them.
    const columnOf = (field: CatalogField) => (field.category === 'measure' ? exprOf(field) : (field.expr ?? ''));
    const final = compileCustomFilter(
      query.filter_expression,
      (name) => plan.fields.get(name) ?? dynamic.custom.get(name),
      options.referenceDate,
      columnOf,
    );
    (final.aggregate ? having : where).push(final.sql);
  }
  if (errors.length > 0 || 'error' in limit) throw new QueryValidationError(errors);

  const order = sorts.length > 0 ? sorts : defaultSort(selected);
  const groupBy = selected.flatMap((f, i) => (f.category === 'dimension' ? [String(i + 1)] : []));
  const lines = [
    'SELECT',
    selected.map((f) => `    ${exprOf(f)} AS ${fieldAlias(f.name)}`).join(',\n'),
    `FROM ${plan.explore.baseView} AS ${plan.explore.baseView}`,
    ...joins.map((j) => `${j.def.type === 'inner' ? 'INNER' : 'LEFT'} JOIN ${j.def.view} AS ${j.def.view} ON ${j.on}`),
  ];
  if (where.length > 0) lines.push(`WHERE ${where.join('\n  AND ')}`);
  if (groupBy.length > 0) lines.push(`GROUP BY ${groupBy.join(', ')}`);
  if (having.length > 0) lines.push(`HAVING ${having.join('\n  AND ')}`);
  // The remaining dimensions break ties, so equal sort keys come back in the same order every run.
  const tieBreak = selected
    .filter((f) => f.category === 'dimension' && !order.some((s) => s.field === f))
    .map((field) => ({ field, desc: false }));
  const orderBy = [...order, ...tieBreak].map((s) => `${selected.indexOf(s.field) + 1}${s.desc ? ' DESC' : ''}`);
  if (orderBy.length > 0) lines.push(`ORDER BY ${orderBy.join(', ')}`);
  // Pivoted queries limit the rows after pivoting, so their SQL returns every combination.
  if (pivots.length === 0) lines.push(`LIMIT ${limit.value}`);
  const pivotDescending = pivots.map((p) => sorts.some((s) => s.field === p && s.desc));
  return {
    sql: lines.join('\n'),
    fields: selected,
    resultFields: [...selected, ...dynamic.calculationFields].map(toResultField),
    pivots,
    pivotDescending,
    limit: limit.value,
    ...(columnLimit !== undefined ? { columnLimit } : {}),
    tableCalculations: dynamic.calculations,
    calculationFields: dynamic.calculationFields,
  };
}
