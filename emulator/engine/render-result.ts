import type { IJsonBiField, IJsonBiMetadata, IJsonBiPivots } from '@looker/sdk';
import type { CatalogField } from '../query/explore-catalog';
import type { QueryResultSet, RenderedResult, ResultFormat } from './types';
import type { Cell } from './result-values';
import { renderJsonDetail, renderJsonLabel, renderMarkdown, type DetailOptions } from './render-formats';

/** Looker's `json_bi` body; rows are objects of `{ value }` cells (the SDK types them loosely). */
export interface JsonBiBody {
  metadata: Omit<IJsonBiMetadata, 'big_query_metadata'> & { big_query_metadata: null };
  rows: Record<string, { value: Cell } | Record<string, { value: Cell }>>[];
}

function biField(f: CatalogField): IJsonBiField {
  return {
    name: f.name,
    label: f.label,
    view: f.view,
    view_label: f.viewLabel,
    category: f.category,
    type: f.type,
    sql: f.lookmlSql,
    dimension_group: f.dimensionGroup ?? null,
    field_group_label: null,
    field_group_variant: f.labelShort,
    hidden: f.hidden,
    description: f.description,
  };
}

/** Render as Looker's `json_bi`: field metadata, pivots and SQL, then rows of `{ value }` cells. */
export function renderJsonBi(
  result: QueryResultSet,
  fields: CatalogField[],
  pivots: CatalogField[],
  filters: Record<string, string>,
): JsonBiBody {
  const pivotMeta: IJsonBiPivots[] = (result.pivotColumns ?? []).map((c) => ({
    key: c.key,
    data: Object.fromEntries(Object.entries(c.data).map(([k, v]) => [k, v === null ? '' : String(v)])),
    sort_values: Object.fromEntries(Object.entries(c.data).map(([k, v]) => [k, v === null ? '' : String(v)])),
    is_total: false,
  }));
  const source = result.pivotedRows ?? result.rows;
  const rows = source.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([name, cell]) => [
        name,
        cell !== null && typeof cell === 'object'
          ? Object.fromEntries(Object.entries(cell).map(([key, value]) => [key, { value }]))
          : { value: cell },
      ]),
    ),
  );
  return {
    metadata: {
      big_query_metadata: null,
      fields: {
        dimensions: fields.filter((f) => f.category === 'dimension' && !pivots.includes(f)).map(biField),
        measures: fields.filter((f) => f.category === 'measure' && f.tableCalculation === undefined).map(biField),
        pivots: pivots.map(biField),
        table_calculations: fields.flatMap((f) =>
          f.tableCalculation === undefined
            ? []
            : [
                {
                  name: f.name,
                  label: f.label,
                  align: 'right',
                  expression: f.tableCalculation,
                  value_format: null,
                  measure: true,
                },
              ],
        ),
      },
      pivots: pivotMeta,
      has_subtotals: false,
      has_totals: false,
      columns_truncated: 'false',
      filter_expression: null,
      filters,
      sql: result.sql,
    },
    rows,
  };
}

/** Header cells and data rows of a table-shaped result (pivoted measures get one column per pivot key). */
export function table(
  result: QueryResultSet,
  fields: CatalogField[],
  pivots: CatalogField[],
): { header: string[]; body: Cell[][] } {
  if (!result.pivotedRows) {
    return {
      header: fields.map((f) => f.label),
      body: result.rows.map((row) => fields.map((f) => row[f.name] ?? null)),
    };
  }
  const keys = (result.pivotColumns ?? []).map((c) => c.key);
  const dims = fields.filter((f) => f.category === 'dimension' && !pivots.includes(f));
  const measures = fields.filter((f) => f.category === 'measure');
  const header = [...dims.map((d) => d.label), ...measures.flatMap((m) => keys.map((k) => `${m.label} ${k}`))];
  const body = result.pivotedRows.map((row) => [
    ...dims.map((d) => row[d.name] as Cell),
    ...measures.flatMap((m) => keys.map((k) => (row[m.name] as Record<string, Cell> | undefined)?.[k] ?? null)),
  ]);
  return { header, body };
}

function csvCell(value: Cell | string): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function txtCell(value: Cell | string): string {
  return value === null ? '' : String(value).replace(/[\t\r\n]+/g, ' ');
}

/** Render a result set in one of Looker's formats. */
export function renderResult(
  result: QueryResultSet,
  format: ResultFormat,
  fields: CatalogField[],
  pivots: CatalogField[],
  filters: Record<string, string>,
  detail: DetailOptions = { drillLinks: undefined },
): RenderedResult {
  switch (format) {
    case 'json':
      return { contentType: 'application/json', body: JSON.stringify(result.pivotedRows ?? result.rows) };
    case 'json_bi':
      return { contentType: 'application/json', body: JSON.stringify(renderJsonBi(result, fields, pivots, filters)) };
    case 'json_detail':
      return renderJsonDetail(result, fields, pivots, filters, detail);
    case 'json_label':
      return renderJsonLabel(result, fields);
    case 'sql':
      return { contentType: 'application/sql', body: result.sql };
    case 'md': {
      const { header, body } = table(result, fields, pivots);
      return renderMarkdown(header, body);
    }
    case 'csv': {
      const { header, body } = table(result, fields, pivots);
      return {
        contentType: 'text/csv',
        body: [header, ...body].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n',
      };
    }
    case 'txt': {
      const { header, body } = table(result, fields, pivots);
      return {
        contentType: 'text/plain',
        body: [header, ...body].map((r) => r.map(txtCell).join('\t')).join('\n') + '\n',
      };
    }
    default:
      throw new RangeError(`unsupported result format ${String(format)}`);
  }
}
