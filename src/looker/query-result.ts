/** A column of a query result. */
export interface ResultColumn {
  readonly name: string;
  readonly label: string | null;
  readonly type: string | null;
  readonly isMeasure: boolean;
}

import { LookerError } from './errors';

/** A query's data as the subgraph serves it: plain rows keyed by field name, plus the SQL. */
export interface QueryResultData {
  readonly fields: readonly ResultColumn[];
  readonly rows: readonly Record<string, unknown>[];
  readonly sql: string | null;
  /** True when Looker had more rows than the subgraph reads (MAX_RESULT_ROWS): `rows` holds the first ones. */
  readonly truncated?: boolean;
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

/** Longest part of Looker's error text a client sees. */
const maxErrorLength = 500;

/**
 * The client-safe text of a database error Looker reported: its first line only (database
 * messages may continue with the SQL around the error), cut to {@link maxErrorLength} characters.
 */
function boundedErrorText(text: string): string {
  const line = (text.split(/\r?\n/)[0] ?? '').trim();
  return line.length > maxErrorLength ? `${line.slice(0, maxErrorLength - 1)}…` : line;
}

/** The `looker_error` texts of rows that report a failure instead of data. */
function errorRowTexts(rows: unknown): string[] {
  if (!Array.isArray(rows)) return [];
  return rows.filter(isObject).flatMap((row) => (typeof row.looker_error === 'string' ? [row.looker_error] : []));
}

/**
 * What Looker reported instead of data, in whichever result format it answered: rows of
 * `{ looker_error }` (json, json_label; json_bi's `rows`), or json_detail's `errors`
 * (`{ message, message_details }`). Undefined for a body that holds data.
 */
export function queryErrorIn(body: unknown): string | undefined {
  const texts = [...errorRowTexts(body)];
  if (isObject(body)) {
    texts.push(...errorRowTexts(body.rows));
    if (Array.isArray(body.errors)) {
      for (const e of body.errors.filter(isObject)) {
        // Details first: they hold what the database said; the SQL (`params`) is never read.
        const text = [e.message, e.message_details].filter((x): x is string => typeof x === 'string' && x.length > 0).join(' ');
        if (text) texts.push(text);
      }
    }
  }
  return texts.length > 0 ? texts.map(boundedErrorText).join('; ').slice(0, maxErrorLength) : undefined;
}

/**
 * The error for a query Looker ran and the database refused (Looker answers these with HTTP 200
 * and error rows): LOOKER_QUERY_FAILED with what the database said, bounded, never as data.
 */
export function queryFailed(message: string, operation: string): LookerError {
  return new LookerError('LOOKER_QUERY_FAILED', `Looker could not run the query: ${message}`, operation);
}

/**
 * Parses Looker's `json_bi` result format (metadata with fields and SQL, then rows of cells).
 * Throws LOOKER_QUERY_FAILED when the rows report a database error (`looker_error`), and a
 * TypeError when the answer does not have that shape, rather than serving a wrong result.
 */
export function parseJsonBi(body: unknown, operation = 'run_query'): QueryResultData {
  const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
  const failure = queryErrorIn(parsed);
  if (failure !== undefined) throw queryFailed(failure, operation);
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

/**
 * Keeps at most `maxRows` rows of a result read with one row more than that: when Looker had the
 * extra row, the result is marked `truncated`.
 */
export function boundRows(data: QueryResultData, maxRows: number): QueryResultData {
  if (data.rows.length <= maxRows) return data;
  return { ...data, rows: data.rows.slice(0, maxRows), truncated: true };
}
