import type { CatalogField } from '../query/explore-catalog';
import type { Cell } from './result-values';
import type { QueryResultSet, QueryRunError, RenderedResult } from './types';
import { defaultNumberText, formatNumber } from './value-format';

/**
 * Looker's result formats beyond json/json_bi/csv/txt: `json_detail` (the legacy detailed format,
 * the one that carries rendered values), `json_label` and `md`, and the bodies in which Looker
 * reports a query the database refused. Shapes follow real answers recorded by
 * spectacles-ci/spectacles (tests/cassettes, Looker 22) and its `models.py`; see the emulator
 * README ("Where the emulator guesses", items 1 and 8) for what is confirmed and what is not.
 */

/** A json_detail cell: the value, plus `rendered` when Looker formats it differently. */
interface DetailCell {
  value: Cell;
  rendered?: string;
}

/**
 * The text Looker shows for a value of a field: its value format when it has one (`$1,234.56`,
 * `12.3%`); else measures with thousands separators (`1,062`, as recorded json_detail answers
 * show); dimensions (ids, years, dates) as they are. Null stays null.
 */
export function renderedText(value: Cell, field: CatalogField | undefined): string | null {
  if (value === null) return null;
  if (typeof value === 'number') {
    const formatted = field?.valueFormat === undefined ? undefined : formatNumber(value, field.valueFormat);
    if (formatted !== undefined) return formatted;
    if (field === undefined || field.category === 'measure') return defaultNumberText(value);
  }
  return String(value);
}

/** A cell as json_detail writes it: `rendered` only when it differs from the value, as in recorded answers. */
function detailCell(value: Cell, field: CatalogField | undefined): DetailCell {
  const rendered = renderedText(value, field);
  return rendered === null || rendered === String(value) ? { value } : { value, rendered };
}

/** A row (or the totals) as json_detail writes it: pivoted measures one cell per pivot key. */
function detailRow(
  row: Record<string, Cell | Record<string, Cell>>,
  byName: ReadonlyMap<string, CatalogField>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([name, cell]) => [
      name,
      cell !== null && typeof cell === 'object'
        ? Object.fromEntries(Object.entries(cell).map(([k, v]) => [k, detailCell(v, byName.get(name))]))
        : detailCell(cell, byName.get(name)),
    ]),
  );
}

/** Field metadata as json_detail lists it (a subset of Looker's many properties). */
function detailField(f: CatalogField): Record<string, unknown> {
  return {
    name: f.name,
    label: f.label,
    label_short: f.labelShort,
    view: f.view,
    view_label: f.viewLabel,
    category: f.category,
    type: f.type,
    is_numeric: f.isNumeric,
    measure: f.category === 'measure',
    hidden: f.hidden,
    description: f.description,
    dimension_group: f.dimensionGroup ?? null,
    field_group_variant: f.labelShort,
    value_format: f.valueFormat ?? null,
    value_format_name: f.valueFormatName ?? null,
    sql: f.lookmlSql,
    error: null,
  };
}

/** A table calculation as json_detail lists it (json_bi's `JsonBiTableCalc` shape, plus its type). */
function detailCalculation(f: CatalogField): Record<string, unknown> {
  return {
    name: f.name,
    label: f.label,
    label_short: f.labelShort,
    align: 'right',
    expression: f.tableCalculation,
    value_format: f.valueFormat ?? null,
    measure: true,
    is_numeric: true,
    type: 'number',
    category: 'table_calculation',
  };
}

/** What json_detail's envelope says of totals. */
interface DetailTotals {
  has_totals: boolean;
  totals_data?: Record<string, unknown>;
}

/** The envelope json_detail wraps rows (or errors) in. */
function detailEnvelope(
  sql: string,
  fields: CatalogField[],
  pivots: CatalogField[],
  filters: Record<string, string>,
  totals: DetailTotals = { has_totals: false },
): Record<string, unknown> {
  return {
    from_cache: false,
    id: null,
    ran_at: new Date().toISOString(),
    runtime: '0.000',
    expired: false,
    supports_pivot_in_db: true,
    null_sort_treatment: 'low',
    added_params: {},
    sql,
    sql_explain: null,
    fields: {
      dimensions: fields.filter((f) => f.category === 'dimension' && !pivots.includes(f)).map(detailField),
      measures: fields.filter((f) => f.category === 'measure' && f.tableCalculation === undefined).map(detailField),
      table_calculations: fields.filter((f) => f.tableCalculation !== undefined).map(detailCalculation),
      pivots: pivots.map(detailField),
    },
    fill_fields: [],
    ...totals,
    has_row_totals: false,
    has_subtotals: false,
    applied_filters: filters,
    applied_filter_expression: null,
    number_format: '1,234.56',
    timezone: 'UTC',
  };
}

/**
 * json_detail: metadata, then `data` rows of `{ field: { value, rendered? } }` (pivoted measures one
 * cell per pivot key), `pivots` with each column's key, values and rendered labels, and
 * `totals_data` (cells like a row's) when the query asked for totals.
 */
export function renderJsonDetail(
  result: QueryResultSet,
  fields: CatalogField[],
  pivots: CatalogField[],
  filters: Record<string, string>,
): RenderedResult {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const data = (result.pivotedRows ?? result.rows).map((row) => detailRow(row, byName));
  const totals: DetailTotals = result.totals
    ? { has_totals: true, totals_data: detailRow(result.totals, byName) }
    : { has_totals: false };
  const pivotColumns = (result.pivotColumns ?? []).map((c) => ({
    key: c.key,
    is_total: false,
    data: c.data,
    sort_values: c.data,
    labels: Object.fromEntries(
      Object.entries(c.data).map(([name, v]) => [name, renderedText(v, byName.get(name)) ?? '∅']),
    ),
  }));
  const body = { ...detailEnvelope(result.sql, fields, pivots, filters, totals), pivots: pivotColumns, data };
  return { contentType: 'application/json', body: JSON.stringify(body) };
}

/** json_label: plain rows keyed by each field's label instead of its name. */
export function renderJsonLabel(result: QueryResultSet, fields: CatalogField[]): RenderedResult {
  const labelOf = new Map(fields.map((f) => [f.name, f.label]));
  const source = result.pivotedRows ?? result.rows;
  const rows = source.map((row) =>
    Object.fromEntries(Object.entries(row).map(([name, cell]) => [labelOf.get(name) ?? name, cell])),
  );
  return { contentType: 'application/json', body: JSON.stringify(rows) };
}

function mdCell(value: Cell | string): string {
  return value === null
    ? ''
    : String(value)
        .replace(/\|/g, '\\|')
        .replace(/[\r\n]+/g, ' ');
}

/** md: a Markdown table (header, separator, rows). */
export function renderMarkdown(header: string[], body: (Cell | string)[][]): RenderedResult {
  const line = (cells: (Cell | string)[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return {
    contentType: 'text/markdown',
    body: [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...body.map(line)].join('\n') + '\n',
  };
}

/** The text of a `looker_error` row: Looker's message, then what the database said. */
export function lookerErrorText(error: QueryRunError): string {
  return `${error.message} ${error.detail}`;
}

/**
 * A database error in a format that can carry it, as Looker answers it (HTTP 200): `json` and
 * `json_label` one `looker_error` row, `json_bi` its metadata with `looker_error` rows, `json_detail`
 * an empty `data` with `errors`. Undefined for formats that carry rows only (csv, txt, md).
 */
export function renderQueryError(
  error: QueryRunError,
  format: string,
  fields: CatalogField[],
  pivots: CatalogField[],
  filters: Record<string, string>,
): RenderedResult | undefined {
  const text = lookerErrorText(error);
  const json = (body: unknown): RenderedResult => ({
    contentType: 'application/json',
    body: JSON.stringify(body),
    queryError: text,
  });
  switch (format) {
    case 'json':
    case 'json_label':
      return json([{ looker_error: text }]);
    case 'json_bi':
      return json({
        metadata: {
          big_query_metadata: null,
          fields: { dimensions: [], measures: [], pivots: [], table_calculations: [] },
          pivots: [],
          has_subtotals: false,
          has_totals: false,
          columns_truncated: 'false',
          filter_expression: null,
          filters,
          sql: error.sql,
        },
        rows: [{ looker_error: text }],
      });
    case 'json_detail':
      return json({
        ...detailEnvelope(error.sql, fields, pivots, filters),
        data: [],
        errors: [
          {
            message: error.message,
            message_details: error.detail,
            params: error.sql,
            edit_url: null,
            error_pos: null,
            level: 'error',
            fatal: true,
            sql_error_loc: null,
          },
        ],
      });
    default:
      return undefined;
  }
}
