import type { CatalogField } from './explore-catalog';
import { FilterSyntaxError } from './filter-error';
import { filterSql } from './filter-sql';
import { sqlNumber, sqlString } from './sql-literal';

/**
 * A subset of Looker's custom filter language (a query's `filter_expression`), compiled to a SQL
 * condition. Looker documents the full language in "Creating custom filters" and "Looker
 * functions and operators" (cloud.google.com/looker/docs/custom-filters,
 * cloud.google.com/looker/docs/functions-and-operators); the emulator reads:
 *
 * - field references `${view.field}`: dimensions (the condition goes to `WHERE`) or measures (to
 *   `HAVING`, as Looker filters measures), not both in one expression (a 422; a guess),
 * - strings in double quotes (`"complete"`, `\"` inside), numbers (`100`, `-2.5`), `yes`/`no`, `null`,
 * - comparisons `=`, `!=`, `<`, `>`, `<=`, `>=` (`= null` and `!= null` test for null),
 * - `AND`, `OR`, `NOT` (any case; NOT binds tightest, then AND, then OR) and parentheses,
 * - `is_null(${f})`, `contains(${f}, "text")` and `matches_filter(${f}, \`expression\`)`, the last
 *   reading the expression as a filter on that field does (`matches_filter(${orders.status}, \`complete,shipped\`)`).
 *
 * Anything else (other functions, arithmetic, Liquid) throws FilterSyntaxError, which the compiler
 * answers as 422 on `filter_expression`.
 */
export interface CompiledCustomFilter {
  /** The fields it reads (their views must be joined). */
  readonly fields: readonly CatalogField[];
  /** The SQL condition. */
  readonly sql: string;
  /** True when it reads measures: the condition belongs to `HAVING`. */
  readonly aggregate: boolean;
}

type Token =
  | { kind: 'field'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'backtick'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'word'; value: string }
  | { kind: 'op'; value: string }
  | { kind: 'punct'; value: '(' | ')' | ',' };

/** Longest custom filter the emulator reads (Looker's own bound is not documented). */
const MAX_LENGTH = 5_000;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (reason: string): never => {
    throw new FilterSyntaxError(text, reason);
  };
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i);
      if (end < 0) fail('a field reference "${" is not closed');
      const name = text.slice(i + 2, end).trim();
      if (!/^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/.test(name)) fail(`"\${${name}}" is not a field reference (\${view.field})`);
      tokens.push({ kind: 'field', name });
      i = end + 1;
    } else if (c === '"') {
      let value = '';
      i += 1;
      while (i < text.length && text.charAt(i) !== '"') {
        if (text.charAt(i) === '\\' && i + 1 < text.length) i += 1;
        value += text.charAt(i);
        i += 1;
      }
      if (i >= text.length) fail('a string is not closed');
      tokens.push({ kind: 'string', value });
      i += 1;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) fail('a `filter expression` is not closed');
      tokens.push({ kind: 'backtick', value: text.slice(i + 1, end) });
      i = end + 1;
    } else if (/[0-9.]/.test(c) || (c === '-' && /[0-9.]/.test(text.charAt(i + 1)))) {
      const match = /^-?(\d+(\.\d*)?|\.\d+)/.exec(text.slice(i));
      if (!match) fail(`"${text.slice(i, i + 10)}" is not a number`);
      tokens.push({ kind: 'number', value: Number(match?.[0]) });
      i += match?.[0].length ?? 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'word', value: word.toLowerCase() });
      i += word.length;
    } else if (/[<>!=]/.test(c)) {
      const op = ['<=', '>=', '!=', '<>'].find((o) => text.startsWith(o, i)) ?? c;
      if (op === '!') fail('"!" must be followed by "="');
      tokens.push({ kind: 'op', value: op === '<>' ? '!=' : op });
      i += op.length;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', value: c });
      i += 1;
    } else {
      fail(`"${c}" is not part of the custom filter subset the emulator reads`);
    }
  }
  return tokens;
}

/** A value in a comparison: its SQL, and the field it is when it is one. */
interface Operand {
  sql: string;
  field?: CatalogField;
  isNull?: boolean;
}

/**
 * Compiles `text` with `lookup` resolving `view.field` names (undefined when the explore has no
 * such field) and `columnOf` giving a field's SQL (a measure's depends on the query's joins;
 * without it, the field's own expression); `referenceDate` anchors relative dates inside `matches_filter`.
 */
export function compileCustomFilter(
  text: string,
  lookup: (name: string) => CatalogField | undefined,
  referenceDate: Date,
  columnOf: (field: CatalogField) => string = (field) => field.expr ?? '',
): CompiledCustomFilter {
  if (text.length > MAX_LENGTH) throw new FilterSyntaxError(text.slice(0, 40), `longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(text);
  const fields: CatalogField[] = [];
  let at = 0;
  const fail = (reason: string): never => {
    throw new FilterSyntaxError(text, reason);
  };
  const peek = (): Token | undefined => tokens[at];
  const isWord = (value: string) => {
    const t = peek();
    return t?.kind === 'word' && t.value === value;
  };
  const expectPunct = (value: '(' | ')' | ',') => {
    const t = peek();
    if (t?.kind !== 'punct' || t.value !== value) fail(`expected "${value}"`);
    at += 1;
  };
  const fieldOf = (name: string): CatalogField => {
    const field = lookup(name);
    if (!field) return fail(`\${${name}} is not a field of this explore`);
    if (field.category === 'dimension' && !field.expr) return fail(`\${${name}} has no SQL to filter on`);
    if (fields.some((f) => f.category !== field.category))
      return fail("it mixes dimensions and measures, which the emulator's custom filters do not");
    if (!fields.includes(field)) fields.push(field);
    return field;
  };
  const fieldArgument = (): CatalogField => {
    const t = peek();
    if (t?.kind !== 'field') return fail('a function expects a field reference ${view.field} first');
    at += 1;
    return fieldOf(t.name);
  };

  const call = (name: string): string => {
    expectPunct('(');
    let sql: string;
    if (name === 'is_null') {
      const field = fieldArgument();
      sql = `(${columnOf(field)} IS NULL)`;
    } else if (name === 'contains') {
      const field = fieldArgument();
      expectPunct(',');
      const t = peek();
      if (t?.kind !== 'string') return fail('contains() expects a string second');
      at += 1;
      sql = `(strpos(CAST(${columnOf(field)} AS VARCHAR), ${sqlString(t.value)}) > 0)`;
    } else if (name === 'matches_filter') {
      const field = fieldArgument();
      expectPunct(',');
      const t = peek();
      if (t?.kind !== 'backtick') return fail('matches_filter() expects a `filter expression` second');
      at += 1;
      sql = `(${filterSql(field, t.value, columnOf(field), referenceDate)})`;
    } else {
      return fail(`the function ${name}() is not in the custom filter subset the emulator reads`);
    }
    expectPunct(')');
    return sql;
  };

  const operand = (): Operand => {
    const t = peek();
    if (!t) return fail('the expression ends too early');
    at += 1;
    switch (t.kind) {
      case 'field': {
        const field = fieldOf(t.name);
        return { sql: columnOf(field), field };
      }
      case 'string':
        return { sql: sqlString(t.value) };
      case 'number':
        return { sql: sqlNumber(t.value) };
      case 'word':
        if (t.value === 'yes' || t.value === 'true') return { sql: 'TRUE' };
        if (t.value === 'no' || t.value === 'false') return { sql: 'FALSE' };
        if (t.value === 'null') return { sql: 'NULL', isNull: true };
        return fail(`"${t.value}" is not a value`);
      default:
        return fail(`unexpected "${'value' in t ? String(t.value) : ''}"`);
    }
  };

  const condition = (): string => {
    const t = peek();
    if (t?.kind === 'punct' && t.value === '(') {
      at += 1;
      const inner = or();
      expectPunct(')');
      return `(${inner})`;
    }
    if (t?.kind === 'word' && ['is_null', 'contains', 'matches_filter'].includes(t.value)) {
      at += 1;
      return call(t.value);
    }
    const next = tokens[at + 1];
    if (t?.kind === 'word' && next?.kind === 'punct' && next.value === '(')
      return fail(`the function ${t.value}() is not in the custom filter subset the emulator reads`);
    const left = operand();
    const op = peek();
    if (op?.kind !== 'op') {
      // A yes/no dimension alone is a condition.
      if (left.field?.type === 'yesno') return `(${left.sql})`;
      return fail('expected a comparison (=, !=, <, >, <=, >=)');
    }
    at += 1;
    const right = operand();
    if (left.isNull || right.isNull) {
      const other = left.isNull ? right : left;
      if (op.value === '=') return `(${other.sql} IS NULL)`;
      if (op.value === '!=') return `(${other.sql} IS NOT NULL)`;
      return fail(`null can only be compared with = or !=`);
    }
    return `(${left.sql} ${op.value === '!=' ? '<>' : op.value} ${right.sql})`;
  };

  const not = (): string => {
    if (isWord('not')) {
      at += 1;
      return `(NOT ${not()})`;
    }
    return condition();
  };
  const and = (): string => {
    const parts = [not()];
    while (isWord('and')) {
      at += 1;
      parts.push(not());
    }
    return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' AND ')})`;
  };
  function or(): string {
    const parts = [and()];
    while (isWord('or')) {
      at += 1;
      parts.push(and());
    }
    return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' OR ')})`;
  }

  if (tokens.length === 0) fail('the expression is empty');
  const sql = or();
  if (at < tokens.length) fail('unexpected text after the end of the expression');
  return { fields, sql, aggregate: fields.some((f) => f.category === 'measure') };
}
