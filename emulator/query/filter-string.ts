import { FilterSyntaxError } from './filter-error';
import { sqlString } from './sql-literal';

/** One comma-separated term of a string filter. */
export interface StringTerm {
  negated: boolean;
  kind: 'equals' | 'like' | 'null' | 'empty';
  /** The value (`equals`) or LIKE pattern with `\` escapes (`like`). */
  value: string;
}

/**
 * Split a Looker string filter on commas, honouring `^` escapes (`^,` is a literal comma, `^%`
 * and `^_` literal wildcards, `^^` a caret, a leading `^-` a literal dash). Returns each term's
 * characters tagged as escaped or not.
 */
function splitTerms(expression: string): { ch: string; escaped: boolean }[][] {
  const terms: { ch: string; escaped: boolean }[][] = [[]];
  for (let i = 0; i < expression.length; i++) {
    const ch = expression.charAt(i);
    const current = terms[terms.length - 1] as { ch: string; escaped: boolean }[];
    if (ch === '^' && i + 1 < expression.length) {
      current.push({ ch: expression.charAt(++i), escaped: true });
    } else if (ch === ',') {
      terms.push([]);
    } else {
      current.push({ ch, escaped: false });
    }
  }
  return terms;
}

function trimChars(chars: { ch: string; escaped: boolean }[]): { ch: string; escaped: boolean }[] {
  let start = 0;
  let end = chars.length;
  while (start < end && !chars[start]?.escaped && /\s/.test(chars[start]?.ch ?? '')) start++;
  while (end > start && !chars[end - 1]?.escaped && /\s/.test(chars[end - 1]?.ch ?? '')) end--;
  return chars.slice(start, end);
}

/** Parse a Looker string filter expression (`Complete,Shipped`, `-Cancelled`, `Jo%`, `NULL`, `-EMPTY`). */
export function parseStringFilter(expression: string): StringTerm[] {
  const terms: StringTerm[] = [];
  for (const raw of splitTerms(expression)) {
    let chars = trimChars(raw);
    const negated = chars.length > 0 && chars[0]?.ch === '-' && !chars[0].escaped;
    if (negated) chars = chars.slice(1);
    const plain = chars.map((c) => c.ch).join('');
    const anyEscaped = chars.some((c) => c.escaped);
    if (!anyEscaped && plain === 'NULL') terms.push({ negated, kind: 'null', value: '' });
    else if (!anyEscaped && plain === 'EMPTY') terms.push({ negated, kind: 'empty', value: '' });
    else if (chars.some((c) => !c.escaped && (c.ch === '%' || c.ch === '_'))) {
      // Unescaped % and _ are wildcards; escaped ones and any backslash become LIKE-escaped literals.
      const pattern = chars
        .map((c) => (!c.escaped && (c.ch === '%' || c.ch === '_') ? c.ch : /[%_\\]/.test(c.ch) ? `\\${c.ch}` : c.ch))
        .join('');
      terms.push({ negated, kind: 'like', value: pattern });
    } else terms.push({ negated, kind: 'equals', value: plain });
  }
  if (terms.length === 0) throw new FilterSyntaxError(expression, 'no values');
  return terms;
}

function termSql(term: StringTerm, column: string): string {
  switch (term.kind) {
    case 'null':
      return `${column} IS NULL`;
    case 'empty':
      return `(${column} IS NULL OR ${column} = '')`;
    case 'like':
      return `${column} LIKE ${sqlString(term.value)} ESCAPE '\\'`;
    case 'equals':
      return `${column} = ${sqlString(term.value)}`;
  }
}

/**
 * SQL for a string filter: the positive terms are OR'ed, the negated ones AND'ed onto them (as
 * Looker does for `FOO%,-FOOD`). A negated value keeps NULL rows, like Looker's `-FOO`.
 */
export function stringFilterSql(expression: string, column: string): string {
  const terms = parseStringFilter(expression);
  const positive = terms.filter((t) => !t.negated).map((t) => termSql(t, column));
  const negative = terms
    .filter((t) => t.negated)
    .map((t) =>
      t.kind === 'null' || t.kind === 'empty'
        ? `NOT ${termSql(t, column)}`
        : `(NOT (${termSql(t, column)}) OR ${column} IS NULL)`,
    );
  const parts = [];
  if (positive.length > 0) parts.push(positive.length === 1 ? positive[0] : `(${positive.join(' OR ')})`);
  parts.push(...negative);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' AND ')})`;
}
