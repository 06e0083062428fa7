import { FilterSyntaxError } from './filter-error';
import { sqlNumber } from './sql-literal';

/** One condition of a number filter. */
export type NumberCondition =
  | { kind: 'compare'; op: '=' | '>' | '>=' | '<' | '<='; value: number }
  | NumberRange
  | { kind: 'null'; negated: boolean }
  /** `NOT 5`, `<>5`, `!=5`, `NOT 66, 99, 4`: none of the values (NULL rows kept, as Looker does). */
  | { kind: 'not_in'; values: number[] }
  /** `NOT [1,10]`: outside the range (NULL rows kept). */
  | { kind: 'not_range'; range: NumberRange };

/** An interval with open or closed ends. */
export type NumberRange = { kind: 'range'; low: number; high: number; lowInclusive: boolean; highInclusive: boolean };

/** A number filter: alternatives OR'ed, each a list of conditions AND'ed. */
export type NumberFilter = NumberCondition[][];

type Token = { t: 'num'; v: number } | { t: 'op'; v: string } | { t: 'word'; v: string } | { t: 'punct'; v: string };

const TOKEN = /\s*(?:(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)|(>=|<=|<>|!=|>|<|=)|([a-z]+)|([[\](),]))/iy;

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    if (/^\s*$/.test(expression.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(expression);
    if (!m) throw new FilterSyntaxError(expression, `unexpected text at "${expression.slice(start).trim()}"`);
    if (m[1] !== undefined) tokens.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ t: 'op', v: m[2] });
    else if (m[3] !== undefined) tokens.push({ t: 'word', v: m[3].toUpperCase() });
    else tokens.push({ t: 'punct', v: m[4] ?? '' });
  }
  return tokens;
}

/** Parse a Looker number filter (`5`, `5,7`, `>=10 AND <=20`, `[1,10)`, `5 to 10`, `NOT 5`, `NOT [1,10]`, `NULL`). */
export function parseNumberFilter(expression: string): NumberFilter {
  const tokens = tokenize(expression);
  let pos = 0;
  const fail = (reason: string): never => {
    throw new FilterSyntaxError(expression, reason);
  };
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (w: string): boolean => peek()?.t === 'word' && peek()?.v === w;
  const number = (): number => {
    const tok = tokens[pos++];
    if (tok?.t !== 'num' || !Number.isFinite(tok.v)) return fail('expected a number');
    return tok.v;
  };
  if (tokens.length === 0) fail('empty expression');
  const bracketRange = (): NumberRange => {
    const open = tokens[pos++];
    const low = number();
    if (tokens[pos++]?.v !== ',') fail('expected "," in range');
    const high = number();
    const close = tokens[pos++];
    if (close?.t !== 'punct' || (close.v !== ']' && close.v !== ')'))
      return fail('expected "]" or ")" closing the range');
    return { kind: 'range', low, high, lowInclusive: open?.v === '[', highInclusive: close.v === ']' };
  };

  if (isWord('NOT') || isWord('NULL')) {
    const negated = isWord('NOT');
    if (negated) pos++;
    if (isWord('NULL')) {
      pos++;
      if (pos < tokens.length) fail('unexpected text after NULL');
      return [[{ kind: 'null', negated }]];
    }
    if (!negated) fail('unexpected word');
    if (peek()?.t === 'punct' && (peek()?.v === '[' || peek()?.v === '(')) {
      const range = bracketRange();
      if (pos < tokens.length) fail('unexpected text after NOT range');
      return [[{ kind: 'not_range', range }]];
    }
    const values = [number()];
    while (peek()?.t === 'punct' && peek()?.v === ',') {
      pos++;
      values.push(number());
    }
    if (pos < tokens.length) fail('unexpected text after NOT list');
    return [[{ kind: 'not_in', values }]];
  }

  const condition = (): NumberCondition => {
    const tok = peek();
    if (tok?.t === 'op') {
      pos++;
      const value = number();
      if (tok.v === '<>' || tok.v === '!=') return { kind: 'not_in', values: [value] };
      return { kind: 'compare', op: tok.v as '=' | '>' | '>=' | '<' | '<=', value };
    }
    if (tok?.t === 'punct' && (tok.v === '[' || tok.v === '(')) return bracketRange();
    const value = number();
    if (isWord('TO')) {
      pos++;
      return { kind: 'range', low: value, high: number(), lowInclusive: true, highInclusive: true };
    }
    return { kind: 'compare', op: '=', value };
  };

  const filter: NumberFilter = [];
  for (;;) {
    const all = [condition()];
    while (isWord('AND')) {
      pos++;
      all.push(condition());
    }
    filter.push(all);
    if (pos >= tokens.length) break;
    const sep = tokens[pos++];
    if (!(sep?.t === 'punct' && sep.v === ',') && !(sep?.t === 'word' && sep.v === 'OR'))
      fail('expected ",", AND or OR');
  }
  return filter;
}

function conditionSql(c: NumberCondition, column: string): string {
  switch (c.kind) {
    case 'compare':
      return `${column} ${c.op} ${sqlNumber(c.value)}`;
    case 'range':
      return `(${column} ${c.lowInclusive ? '>=' : '>'} ${sqlNumber(c.low)} AND ${column} ${c.highInclusive ? '<=' : '<'} ${sqlNumber(c.high)})`;
    case 'null':
      return `${column} IS ${c.negated ? 'NOT ' : ''}NULL`;
    case 'not_in':
      return `(${column} NOT IN (${c.values.map(sqlNumber).join(', ')}) OR ${column} IS NULL)`;
    case 'not_range':
      return `(NOT ${conditionSql(c.range, column)} OR ${column} IS NULL)`;
  }
}

/** SQL for a number filter over `column` (a dimension expression or a measure's aggregate). */
export function numberFilterSql(expression: string, column: string): string {
  const alternatives = parseNumberFilter(expression).map((all) => {
    const parts = all.map((c) => conditionSql(c, column));
    return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' AND ')})`;
  });
  return alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`;
}
