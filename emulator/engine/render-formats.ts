import type { CatalogField } from '../query/explore-catalog';
import type { Cell } from './result-values';
import type { QueryResultSet, QueryRunError, RenderedResult } from './types';
import { drillLinks, drillMenuLabel, type DrillLink, type DrillTarget } from './drill-links';
import { formatNumber } from './value-format';

/**
 * Looker's result formats beyond json/json_bi/csv/txt: `json_detail` (the legacy detailed format,
 * the one that carries rendered values), `json_label` and `md`, and the bodies in which Looker
 * reports a query the database refused. Shapes follow real answers recorded by
 * spectacles-ci/spectacles (tests/cassettes, Looker 22) and its `models.py`; see the emulator
 * README ("Where the emulator guesses", items 1 and 8) for what is confirmed and what is not.
 */

/** A json_detail cell: the value, `rendered` when Looker formats it, and drill `links` when asked for. */
interface DetailCell {
  value: Cell;
  rendered?: string;
  links?: DrillLink[];
}

/** The key Looker gives the row-total column of a pivoted result (`row_total`), in rows, totals and pivots. */
export const ROW_TOTAL_KEY = '$$$_row_total_$$$';

/**
 * The format Looker renders a field's numbers with: its own value format; for counts, which Looker
 * renders with thousands separators although they declare none (`1,062` in recorded json_detail
 * answers), `#,##0`. Other fields without one have none: Looker sends their values raw, with no
 * `rendered` (an unformatted average comes back `6.112197150687439`).
 */
function effectiveFormat(field: CatalogField | undefined): string | undefined {
  if (field?.valueFormat !== undefined) return field.valueFormat;
  if (field?.type === 'count' || field?.type === 'count_distinct') return '#,##0';
  return undefined;
}

/**
 * The text Looker shows for a value of a field: formatted when the field has a format
 * (`$1,234.56`, `12.3%`, `1,062`), else the value as it is. Null stays null.
 */
export function renderedText(value: Cell, field: CatalogField | undefined): string | null {
  if (value === null) return null;
  if (typeof value === 'number') {
    const format = effectiveFormat(field);
    const formatted = format === undefined ? undefined : formatNumber(value, format);
    if (formatted !== undefined) return formatted;
  }
  return String(value);
}

/** How a json_detail body is written: with drill links (Looker's default) or without. */
export interface DetailOptions {
  /** Drill links on cells and drill-menu pivot labels (`generate_drill_links`, default on). */
  drillLinks: DrillTarget | undefined;
}

/** The dimensions of a row, which a measure's drill filters on. */
type RowFilters = Record<string, Cell>;

/**
 * A cell as json_detail writes it: `rendered` only when a format makes it differ from the value,
 * as in recorded answers; `links` when drill links are on and the field declares some.
 */
function detailCell(
  value: Cell,
  field: CatalogField | undefined,
  rowFilters: RowFilters,
  options: DetailOptions,
): DetailCell {
  const rendered = renderedText(value, field);
  const cell: DetailCell = rendered === null || rendered === String(value) ? { value } : { value, rendered };
  if (options.drillLinks && field && value !== null) {
    const links = drillLinks(field, value, rendered ?? '', rowFilters, options.drillLinks);
    if (links.length > 0) cell.links = links;
  }
  return cell;
}

/** A row (or the totals) as json_detail writes it: pivoted measures one cell per pivot key. */
function detailRow(
  row: Record<string, Cell | Record<string, Cell>>,
  byName: ReadonlyMap<string, CatalogField>,
  options: DetailOptions,
): Record<string, unknown> {
  const filters: RowFilters = Object.fromEntries(
    Object.entries(row).filter(
      (entry): entry is [string, Cell] =>
        byName.get(entry[0])?.category === 'dimension' && (entry[1] === null || typeof entry[1] !== 'object'),
    ),
  );
  return Object.fromEntries(
    Object.entries(row).map(([name, cell]) => [
      name,
      cell !== null && typeof cell === 'object'
        ? Object.fromEntries(
            Object.entries(cell).map(([k, v]) => [k, detailCell(v, byName.get(name), filters, options)]),
          )
        : detailCell(cell, byName.get(name), filters, options),
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
  hasRowTotals = false,
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
    has_row_totals: hasRowTotals,
    has_subtotals: false,
    applied_filters: filters,
    applied_filter_expression: null,
    number_format: '1,234.56',
    timezone: 'UTC',
  };
}

/** A pivot column as json_detail lists it: labels (drill-menu HTML when drill links are on) and `metadata` cells. */
function detailPivot(
  column: { key: string; data: Record<string, Cell> },
  byName: ReadonlyMap<string, CatalogField>,
  options: DetailOptions,
): Record<string, unknown> {
  const labels: Record<string, string> = {};
  const metadata: Record<string, DetailCell> = {};
  for (const [name, value] of Object.entries(column.data)) {
    const text = renderedText(value, byName.get(name)) ?? '∅';
    labels[name] = options.drillLinks ? drillMenuLabel(text) : text;
    metadata[name] = detailCell(value, byName.get(name), {}, options);
  }
  return { key: column.key, is_total: false, data: column.data, sort_values: column.data, labels, metadata };
}

/**
 * json_detail: metadata, then `data` rows of `{ field: { value, rendered?, links? } }` (pivoted
 * measures one cell per pivot key, plus `$$$_row_total_$$$` with row totals), `pivots` with each
 * column's key, values, labels and `metadata` (the row-total column last, `is_total`), and
 * `totals_data` (cells like a row's) when the query asked for totals.
 */
export function renderJsonDetail(
  result: QueryResultSet,
  fields: CatalogField[],
  pivots: CatalogField[],
  filters: Record<string, string>,
  options: DetailOptions = { drillLinks: undefined },
): RenderedResult {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const data = (result.pivotedRows ?? result.rows).map((row) => detailRow(row, byName, options));
  const totals: DetailTotals = result.totals
    ? { has_totals: true, totals_data: detailRow(result.totals, byName, options) }
    : { has_totals: false };
  const hasRowTotals = result.hasRowTotals === true;
  const pivotColumns = (result.pivotColumns ?? []).map((c) => detailPivot(c, byName, options));
  if (hasRowTotals)
    pivotColumns.push({ key: ROW_TOTAL_KEY, is_total: true, data: {}, sort_values: {}, labels: {}, metadata: {} });
  const body = {
    ...detailEnvelope(result.sql, fields, pivots, filters, totals, hasRowTotals),
    pivots: pivotColumns,
    data,
  };
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
