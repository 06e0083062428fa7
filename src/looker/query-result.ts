import { LookerError } from './errors';
import { shortened } from './shortened';

/** A column of a query result. */
export interface ResultColumn {
  readonly name: string;
  /** Looker's short label, else its label. */
  readonly label: string | null;
  /** Looker's full label (with the view's). */
  readonly fullLabel: string | null;
  readonly description: string | null;
  /** Looker's Excel-style value format (`$#,##0.00`). */
  readonly valueFormat: string | null;
  readonly type: string | null;
  readonly isMeasure: boolean;
  readonly isTableCalculation: boolean;
  readonly isPivot: boolean;
}

/** One pivot column of a pivoted result: its key and its pivot dimensions' values (raw and rendered). */
export interface ResultPivotColumn {
  readonly key: string;
  readonly values: Record<string, unknown>;
  readonly labels: Record<string, string>;
  readonly isTotal: boolean;
}

/** A query's data as the subgraph serves it: plain rows keyed by field name, plus the SQL. */
export interface QueryResultData {
  readonly fields: readonly ResultColumn[];
  readonly rows: readonly Record<string, unknown>[];
  /** The rows as Looker rendered them (json_detail's `rendered`, else the value as text); absent for formats without them. */
  readonly renderedRows?: readonly Record<string, unknown>[];
  /**
   * json_detail's `totals_data` as `{ value, rendered }` per measure (per pivot key for pivoted
   * measures), when the query asked for totals; `rendered` as in {@link renderedRows}.
   */
  readonly totals?: Record<string, unknown> | null;
  /**
   * Row totals of pivoted measures (json_detail's `has_row_totals`): per row, each pivoted
   * measure's `{ value, rendered }` under Looker's key `$$$_row_total_$$$`; absent otherwise.
   */
  readonly rowTotals?: readonly Record<string, DisplayCell>[];
  /** The pivot columns, in Looker's order; empty or absent when the result does not pivot. */
  readonly pivots?: readonly ResultPivotColumn[];
  readonly sql: string | null;
  /** True when Looker had more rows than the subgraph reads (MAX_RESULT_ROWS): `rows` holds the first ones. */
  readonly truncated?: boolean;
}

type Json = Record<string, unknown>;

/** A value and the text a UI shows for it. */
export interface DisplayCell {
  readonly value: unknown;
  readonly rendered: string | null;
}

/** The pivot key under which Looker answers row totals (`row_total`), in rows, totals and pivots. */
export const rowTotalKey = '$$$_row_total_$$$';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A json_detail cell is `{ value, rendered?, links? }`; pivoted measures nest one cell per pivot key. */
function cellValue(cell: unknown): unknown {
  if (!isObject(cell)) return cell;
  if ('value' in cell) return cell.value;
  return Object.fromEntries(Object.entries(cell).map(([k, v]) => [k, cellValue(v)]));
}

/**
 * The client-safe text of a database error Looker reported: its first line only (database
 * messages may continue with the SQL around the error), cut at a word boundary by {@link shortened}.
 */
function boundedErrorText(text: string): string {
  return shortened((text.split(/\r?\n/)[0] ?? '').trim());
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
        const text = [e.message, e.message_details]
          .filter((x): x is string => typeof x === 'string' && x.length > 0)
          .join(' ');
        if (text) texts.push(text);
      }
    }
  }
  return texts.length > 0 ? shortened(texts.map(boundedErrorText).join('; ')) : undefined;
}

/**
 * The error for a query Looker ran and the database refused (Looker answers these with HTTP 200
 * and error rows): LOOKER_QUERY_FAILED with what the database said, bounded, never as data.
 */
export function queryFailed(message: string, operation: string): LookerError {
  return new LookerError('LOOKER_QUERY_FAILED', `Looker could not run the query: ${message}`, operation);
}

/** json_detail's field metadata as a column. */
function detailColumn(f: Json, kind: 'dimension' | 'measure' | 'table_calculation' | 'pivot'): ResultColumn {
  return {
    name: String(f.name),
    label: str(f.label_short) ?? str(f.label),
    fullLabel: str(f.label),
    description: str(f.description),
    valueFormat: str(f.value_format),
    type: str(f.type) ?? (kind === 'table_calculation' ? 'number' : null),
    isMeasure: kind === 'measure' || kind === 'table_calculation',
    isTableCalculation: kind === 'table_calculation',
    isPivot: kind === 'pivot',
  };
}

/**
 * The text Looker shows for a json_detail cell: `rendered` when Looker sent it, which it does for
 * formatted fields only (value formats, counts' thousands separators); else the value as text,
 * exactly as Looker sent it (an unformatted average `6.112197150687439` stays so). Drill `links`
 * and LookML `html` are never read.
 */
function renderedCell(cell: unknown): unknown {
  if (!isObject(cell)) return cell === null || cell === undefined ? null : String(cell);
  if ('value' in cell) {
    if (typeof cell.rendered === 'string') return cell.rendered;
    return cell.value === null || cell.value === undefined
      ? null
      : typeof cell.value === 'object'
        ? JSON.stringify(cell.value)
        : String(cell.value);
  }
  return Object.fromEntries(Object.entries(cell).map(([k, v]) => [k, renderedCell(v)]));
}

/** Whether Looker's label is markup (its drill-menu anchor, `<a href='#drillmenu' …>`), never served as text. */
const isMarkup = (text: string): boolean => /<[a-z/!]/i.test(text);

/**
 * The label of one pivot value: the `rendered` text of the pivot's `metadata` cell when Looker
 * sent one; else its `labels` entry unless that is drill-menu HTML (Looker puts the anchor there
 * when drill links are on); else the value as text (`∅` for null, as Looker shows it).
 */
function pivotLabel(value: unknown, label: unknown, meta: unknown): string {
  if (isObject(meta) && typeof meta.rendered === 'string') return meta.rendered;
  if (typeof label === 'string' && !isMarkup(label)) return label;
  return value === null || value === undefined ? '∅' : String(value as string | number | boolean);
}

/** json_detail's pivot entries (`{ key, data, labels?, metadata?, is_total }`) as pivot columns. */
function pivotColumns(list: unknown): ResultPivotColumn[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((p) => {
    const values = isObject(p.data) ? p.data : {};
    const labels = isObject(p.labels) ? p.labels : {};
    const metadata = isObject(p.metadata) ? p.metadata : {};
    return {
      key: String(p.key),
      values,
      labels: Object.fromEntries(Object.keys(values).map((k) => [k, pivotLabel(values[k], labels[k], metadata[k])])),
      isTotal: p.is_total === true,
    };
  });
}

/** A json_detail cell as `{ value, rendered }`: drill `links`, `html` and `filterable_value` left out. */
function displayCell(cell: unknown): DisplayCell {
  const rendered = renderedCell(cell);
  return {
    value: cellValue(cell) ?? null,
    rendered: typeof rendered === 'string' ? rendered : null,
  };
}

/** json_detail's `totals_data` as `{ value, rendered }` per measure, per pivot key for pivoted ones. */
function totalsOf(totals: unknown): Record<string, unknown> | null {
  if (!isObject(totals)) return null;
  return Object.fromEntries(
    Object.entries(totals).map(([name, cell]) => [
      name,
      isObject(cell) && !('value' in cell)
        ? Object.fromEntries(Object.entries(cell).map(([key, c]) => [key, displayCell(c)]))
        : displayCell(cell),
    ]),
  );
}

/** Each row's row totals: the `$$$_row_total_$$$` cell of every pivoted measure. */
function rowTotalsOf(rows: readonly Json[]): Record<string, DisplayCell>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).flatMap(([name, cell]) =>
        isObject(cell) && !('value' in cell) && rowTotalKey in cell ? [[name, displayCell(cell[rowTotalKey])]] : [],
      ),
    ),
  );
}

/**
 * Parses Looker's `json_detail` result format: field metadata (labels, descriptions, value
 * formats, table calculations, pivots), `data` rows of `{ value, rendered? }` cells (pivoted
 * measures one cell per pivot key), `pivots` and, for queries with totals, `totals_data`: values,
 * rendered strings, totals and pivots in one answer. Throws LOOKER_QUERY_FAILED when Looker reports
 * a database error (`errors`, or `looker_error` rows), and a TypeError for any other shape.
 */
export function parseJsonDetail(body: unknown, operation = 'run_query'): QueryResultData {
  const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
  const failure = queryErrorIn(parsed);
  if (failure !== undefined) throw queryFailed(failure, operation);
  if (!isObject(parsed) || !Array.isArray(parsed.data))
    throw new TypeError('Looker answered a query in an unexpected shape');
  const fields = isObject(parsed.fields) ? parsed.fields : {};
  const list = (key: string) => (Array.isArray(fields[key]) ? fields[key].filter(isObject) : []);
  const rows = parsed.data.filter(isObject);
  return {
    fields: [
      ...list('dimensions').map((f) => detailColumn(f, 'dimension')),
      ...list('pivots').map((f) => detailColumn(f, 'pivot')),
      ...list('measures').map((f) => detailColumn(f, 'measure')),
      ...list('table_calculations').map((f) => detailColumn(f, 'table_calculation')),
    ],
    rows: rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cellValue(v)]))),
    renderedRows: rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, renderedCell(v)]))),
    totals: totalsOf(parsed.totals_data),
    ...(parsed.has_row_totals === true ? { rowTotals: rowTotalsOf(rows) } : {}),
    pivots: pivotColumns(parsed.pivots),
    sql: str(parsed.sql),
  };
}

/**
 * Keeps at most `maxRows` rows of a result read with one row more than that: when Looker had the
 * extra row, the result is marked `truncated`.
 */
export function boundRows(data: QueryResultData, maxRows: number): QueryResultData {
  if (data.rows.length <= maxRows) return data;
  return {
    ...data,
    rows: data.rows.slice(0, maxRows),
    ...(data.renderedRows ? { renderedRows: data.renderedRows.slice(0, maxRows) } : {}),
    ...(data.rowTotals ? { rowTotals: data.rowTotals.slice(0, maxRows) } : {}),
    truncated: true,
  };
}
