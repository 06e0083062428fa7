/**
 * Looker's `fields` request parameter: `id,title,folder(id,name)` keeps only those properties of
 * the answer, recursing into nested objects and arrays for parenthesised sub-lists.
 */

/** A parsed `fields` list: property name → nested selection (null = keep the whole value). */
export type FieldSelection = Map<string, FieldSelection | null>;

/** Parses a `fields` parameter. Whitespace is ignored; unbalanced parentheses are tolerated. */
export function parseFields(spec: string): FieldSelection {
  let pos = 0;
  const text = spec.replace(/\s+/g, '');
  const parseList = (): FieldSelection => {
    const selection: FieldSelection = new Map();
    while (pos < text.length) {
      let name = '';
      while (pos < text.length && !',()'.includes(text.charAt(pos))) name += text.charAt(pos++);
      let nested: FieldSelection | null = null;
      if (text.charAt(pos) === '(') {
        pos++;
        nested = parseList();
        if (text.charAt(pos) === ')') pos++;
      }
      if (name !== '') selection.set(name, nested);
      if (text.charAt(pos) === ',') {
        pos++;
        continue;
      }
      if (text.charAt(pos) === ')') break;
    }
    return selection;
  };
  return parseList();
}

/** Applies a selection to a JSON-like value (objects are filtered, arrays map element-wise). */
export function project(value: unknown, selection: FieldSelection): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v, selection));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, nested] of selection) {
    if (!(name in source)) continue;
    out[name] = nested ? project(source[name], nested) : source[name];
  }
  return out;
}

/** Applies a `fields` parameter when present; returns the value unchanged otherwise. */
export function projectFields(value: unknown, fields: string | undefined): unknown {
  if (fields === undefined || fields.trim() === '') return value;
  return project(value, parseFields(fields));
}
