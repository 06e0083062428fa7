/** A column of a query result. */
export interface ResultColumn {
  readonly name: string;
  readonly label: string | null;
  readonly type: string | null;
  readonly isMeasure: boolean;
}

/** A query's data as the subgraph serves it: plain rows keyed by field name, plus the SQL. */
export interface QueryResultData {
  readonly fields: readonly ResultColumn[];
  readonly rows: readonly Record<string, unknown>[];
  readonly sql: string | null;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function columns(list: unknown, isMeasure: boolean): ResultColumn[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((f) => ({
    name: String(f.name),
    label: str(f.label_short) ?? str(f.label),
    type: str(f.type),
    isMeasure,
  }));
}

/** A json_bi cell is `{ value, rendered?, links? }`; pivoted measures nest one cell per pivot value. */
function cellValue(cell: unknown): unknown {
  if (!isObject(cell)) return cell;
  if ('value' in cell) return cell.value;
  return Object.fromEntries(Object.entries(cell).map(([k, v]) => [k, cellValue(v)]));
}

/**
 * Parses Looker's `json_bi` result format (metadata with fields and SQL, then rows of cells).
 * Throws when the answer does not have that shape, rather than serving a wrong result.
 */
export function parseJsonBi(body: unknown): QueryResultData {
  const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
  if (!isObject(parsed) || !isObject(parsed.metadata) || !Array.isArray(parsed.rows)) {
    throw new TypeError('Looker answered a query in an unexpected shape');
  }
  const fields = isObject(parsed.metadata.fields) ? parsed.metadata.fields : {};
  return {
    fields: [
      ...columns(fields.dimensions, false),
      ...columns(fields.measures, true),
      ...columns(fields.table_calculations, false),
    ],
    rows: parsed.rows.filter(isObject).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cellValue(v)]))),
    sql: str(parsed.metadata.sql),
  };
}
