import type { MeasureType } from '../model/types';
import { namedValueFormat } from '../engine/value-format';

/**
 * Looker's `dynamic_fields`: a JSON array (sent as text) of custom fields and table calculations.
 * Shapes as Looker writes them into queries (explore URLs, `dynamic_fields` of saved queries):
 *
 * - table calculation: `{"category":"table_calculation","table_calculation":"trend","label":"Trend",
 *   "expression":"${a} / ${b} - 1","_kind_hint":"measure","_type_hint":"number"}` (`category` is
 *   absent in older queries);
 * - custom measure: `{"measure":"this_period","based_on":"order_items.sale_price","type":"sum","label":"…"}`;
 * - custom dimension: `{"dimension":"margin","label":"…","expression":"${a} - ${b}"}`.
 *
 * The emulator evaluates a small subset: arithmetic (`+ - * /`, parentheses, numbers) over field
 * references, custom measures of the types the models use (count, count_distinct, sum, average,
 * min, max), entries with `is_disabled: true` skipped. Anything else is a 422 naming the entry, so a
 * test never mistakes an unsupported expression for a result.
 */

/** A `dynamic_fields` entry outside the evaluated subset, or malformed: a 422 detail on `dynamic_fields`. */
export class DynamicFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DynamicFieldError';
  }
}

/** An arithmetic expression over field references. */
export type Expression =
  | { kind: 'number'; value: number }
  | { kind: 'field'; name: string }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expression; right: Expression };

/** A table calculation: computed from each result row after the SQL has run. */
export interface TableCalculation {
  kind: 'table_calculation';
  name: string;
  label: string;
  expressionText: string;
  expression: Expression;
  /** Its `value_format` (Excel-style), or the one its `value_format_name` stands for. */
  valueFormat?: string;
}

/** A custom measure: an aggregate of one field of the explore. */
export interface CustomMeasure {
  kind: 'measure';
  name: string;
  label: string;
  basedOn: string;
  type: MeasureType;
  /** Its `value_format` (Excel-style), or the one its `value_format_name` stands for. */
  valueFormat?: string;
}

/** A custom dimension: arithmetic over dimensions of the explore, evaluated in SQL. */
export interface CustomDimension {
  kind: 'dimension';
  name: string;
  label: string;
  expression: Expression;
}

/** One evaluated entry of `dynamic_fields`. */
export type DynamicField = TableCalculation | CustomMeasure | CustomDimension;

const MEASURE_TYPES: readonly MeasureType[] = ['count', 'count_distinct', 'sum', 'average', 'min', 'max'];

/** Reads one arithmetic expression; throws DynamicFieldError (a 422 detail) when it is outside the subset. */
export function parseExpression(text: string): Expression {
  const tokens = text.match(/\$\{[^}]+\}|\d+(?:\.\d+)?|[-+*/()]|\S/g) ?? [];
  let at = 0;
  const fail = (why: string): never => {
    throw new DynamicFieldError(
      `Expression "${text}" ${why} (the emulator evaluates + - * / over \${fields} and numbers)`,
    );
  };
  const primary = (): Expression => {
    const token = tokens[at++];
    if (token === undefined) return fail('ends too early');
    if (token === '(') {
      const inner = sum();
      if (tokens[at++] !== ')') fail('misses a closing parenthesis');
      return inner;
    }
    if (token === '-') return { kind: 'negate', operand: primary() };
    if (/^\d/.test(token)) return { kind: 'number', value: Number(token) };
    if (token.startsWith('${')) return { kind: 'field', name: token.slice(2, -1).trim() };
    return fail(`has "${token}"`);
  };
  const product = (): Expression => {
    let left = primary();
    while (tokens[at] === '*' || tokens[at] === '/') {
      const op = tokens[at++] as '*' | '/';
      left = { kind: 'binary', op, left, right: primary() };
    }
    return left;
  };
  const sum = (): Expression => {
    let left = product();
    while (tokens[at] === '+' || tokens[at] === '-') {
      const op = tokens[at++] as '+' | '-';
      left = { kind: 'binary', op, left, right: product() };
    }
    return left;
  };
  const parsed = sum();
  if (at < tokens.length) fail(`has "${tokens[at] ?? ''}" after its end`);
  return parsed;
}

/** The field names an expression refers to. */
export function referencedFields(expression: Expression): string[] {
  switch (expression.kind) {
    case 'number':
      return [];
    case 'field':
      return [expression.name];
    case 'negate':
      return referencedFields(expression.operand);
    case 'binary':
      return [...referencedFields(expression.left), ...referencedFields(expression.right)];
  }
}

/** A value of a row, as a number when it is one (nulls and text give null, as Looker's do). */
function numeric(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return null;
}

/** Evaluates an expression on one row; null in, null out, and division by zero is null as in Looker. */
export function evaluate(expression: Expression, row: Readonly<Record<string, unknown>>): number | null {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'field':
      return numeric(row[expression.name]);
    case 'negate': {
      const value = evaluate(expression.operand, row);
      return value === null ? null : -value;
    }
    case 'binary': {
      const left = evaluate(expression.left, row);
      const right = evaluate(expression.right, row);
      if (left === null || right === null) return null;
      if (expression.op === '/') return right === 0 ? null : left / right;
      return expression.op === '+' ? left + right : expression.op === '-' ? left - right : left * right;
    }
  }
}

/** The SQL of an expression, each field reference replaced by `sqlOf(name)`; division by zero is NULL. */
export function expressionSql(expression: Expression, sqlOf: (name: string) => string): string {
  switch (expression.kind) {
    case 'number':
      return String(expression.value);
    case 'field':
      return `(${sqlOf(expression.name)})`;
    case 'negate':
      return `(-${expressionSql(expression.operand, sqlOf)})`;
    case 'binary': {
      const left = expressionSql(expression.left, sqlOf);
      const right = expressionSql(expression.right, sqlOf);
      return expression.op === '/'
        ? `(CAST(${left} AS DOUBLE) / NULLIF(${right}, 0))`
        : `(${left} ${expression.op} ${right})`;
    }
  }
}

/** A JSON object's text property, or undefined. */
function text(entry: Record<string, unknown>, key: string): string | undefined {
  const value = entry[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** An entry's own format: `value_format` as written, else the named format of `value_format_name`. */
function entryFormat(entry: Record<string, unknown>): { valueFormat?: string } {
  const named = text(entry, 'value_format_name');
  const format = text(entry, 'value_format') ?? (named === undefined ? undefined : namedValueFormat(named));
  return format === undefined ? {} : { valueFormat: format };
}

/** Reads one entry; throws DynamicFieldError for an entry outside the subset. */
function parseEntry(entry: Record<string, unknown>): DynamicField {
  const label = (name: string) => text(entry, 'label') ?? name;
  const calc = text(entry, 'table_calculation');
  if (calc !== undefined || entry.category === 'table_calculation') {
    const name = calc ?? '';
    const expressionText = text(entry, 'expression');
    if (!name || !expressionText)
      throw new DynamicFieldError('A table calculation needs "table_calculation" and "expression"');
    return {
      kind: 'table_calculation',
      name,
      label: label(name),
      expressionText,
      expression: parseExpression(expressionText),
      ...entryFormat(entry),
    };
  }
  const measure = text(entry, 'measure');
  if (measure !== undefined) {
    const basedOn = text(entry, 'based_on');
    const type = MEASURE_TYPES.find((t) => t === entry.type);
    if (!basedOn || !type)
      throw new DynamicFieldError(
        `Custom measure "${measure}" needs "based_on" and a type among ${MEASURE_TYPES.join(', ')}`,
      );
    return { kind: 'measure', name: measure, label: label(measure), basedOn, type, ...entryFormat(entry) };
  }
  const dimension = text(entry, 'dimension');
  if (dimension !== undefined) {
    const expressionText = text(entry, 'expression');
    if (!expressionText) throw new DynamicFieldError(`Custom dimension "${dimension}" needs an "expression"`);
    return { kind: 'dimension', name: dimension, label: label(dimension), expression: parseExpression(expressionText) };
  }
  throw new DynamicFieldError('A dynamic field is a "table_calculation", a "measure" or a "dimension"');
}

/** Reads `dynamic_fields`; throws DynamicFieldError when the text is not a JSON array of supported entries. */
export function parseDynamicFields(source: string | null | undefined): DynamicField[] {
  if (!source || source.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    throw new DynamicFieldError('dynamic_fields is not JSON');
  }
  if (!Array.isArray(parsed)) throw new DynamicFieldError('dynamic_fields is not a JSON array');
  return parsed
    .filter(
      (entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null && !Array.isArray(entry),
    )
    .filter((entry) => entry.is_disabled !== true)
    .map(parseEntry);
}

/** Whether `dynamic_fields` holds a table calculation (Looker's `has_table_calculations`). */
export function hasTableCalculations(source: string | null | undefined): boolean {
  try {
    return parseDynamicFields(source).some((f) => f.kind === 'table_calculation');
  } catch {
    return false;
  }
}
