/**
 * Values in Looker's string filter syntax, both ways. Looker splits a string filter on commas,
 * reads `%` and `_` as wildcards, a leading `-` as "not", the words `NULL` and `EMPTY` as keywords,
 * and trims spaces around each term; a `^` before a character makes it literal (`^,` a comma, `^%`,
 * `^_`, `^^`, `^-`). Forced values are written so each matches itself exactly, whatever it holds.
 */

/** Characters that always mean something in a string filter term (quotes too: Looker reads them in some positions). */
const special = new Set(['^', ',', '%', '_', '"', "'"]);

/** One value as a string filter term that matches exactly that value. */
export function quoteFilterValue(value: string): string {
  let out = '';
  for (const ch of value) out += special.has(ch) ? `^${ch}` : ch;
  // A leading `-` would negate; a keyword would not be a value; spaces at either end would be trimmed.
  const first = out.charAt(0);
  if (first === '-' || /\s/.test(first) || /^(NULL|EMPTY)$/i.test(value)) out = `^${out}`;
  if (out.length > 1 && /\s/.test(out.charAt(out.length - 1)))
    out = `${out.slice(0, -1)}^${out.charAt(out.length - 1)}`;
  return out;
}

/** Values as one string filter expression that matches any of them exactly. */
export function filterExpressionOf(values: readonly string[]): string {
  return values.map(quoteFilterValue).join(',');
}

/**
 * The exact values a string filter expression asks for, when it asks for nothing else: a list of
 * plain values (escapes honoured). Undefined when any term is a wildcard, a negation, a keyword or
 * empty: an expression whose rows cannot be told from its text.
 */
export function plainFilterValues(expression: string): string[] | undefined {
  const terms: { ch: string; escaped: boolean }[][] = [[]];
  for (let i = 0; i < expression.length; i++) {
    const ch = expression.charAt(i);
    const current = terms[terms.length - 1] as { ch: string; escaped: boolean }[];
    if (ch === '^' && i + 1 < expression.length) current.push({ ch: expression.charAt(++i), escaped: true });
    else if (ch === ',') terms.push([]);
    else current.push({ ch, escaped: false });
  }
  const values: string[] = [];
  for (const raw of terms) {
    let start = 0;
    let end = raw.length;
    while (start < end && !raw[start]?.escaped && /\s/.test(raw[start]?.ch ?? '')) start++;
    while (end > start && !raw[end - 1]?.escaped && /\s/.test(raw[end - 1]?.ch ?? '')) end--;
    const chars = raw.slice(start, end);
    if (chars.length === 0) return undefined;
    const unescaped = (c: { ch: string; escaped: boolean }) => !c.escaped;
    if (chars[0]?.ch === '-' && unescaped(chars[0])) return undefined;
    if (chars.some((c) => unescaped(c) && /[%_"'^]/.test(c.ch))) return undefined;
    const text = chars.map((c) => c.ch).join('');
    if (chars.every(unescaped) && /^(NULL|EMPTY)$/i.test(text)) return undefined;
    values.push(text);
  }
  return values;
}
