import type { DuckDBInstance } from '@duckdb/node-api';
import { buildDataset, countRows } from '../data/build-dataset';
import { models } from '../model/models';
import { compileQuery, type CompiledQuery } from '../query/compile-query';
import { evaluate } from '../query/dynamic-fields';
import { listLookmlModels, toLookmlExplore, toLookmlModel } from './explore-metadata';
import { pivotRows } from './pivot-rows';
import { renderQueryError, ROW_TOTAL_KEY } from './render-formats';
import { renderResult, table } from './render-result';
import { renderXlsx } from './render-xlsx';
import { toCell, type Cell } from './result-values';
import {
  QueryRunError,
  type Engine,
  type EngineOptions,
  type QueryRequest,
  type QueryResultSet,
  type RenderedResult,
  type RenderOptions,
  type ResultFormat,
  type BinaryRenderedResult,
  type TextResultFormat,
} from './types';

/** Rows a pivoted query may read before pivoting: pivots limit rows after the SQL has run. */
const PIVOT_ROW_CAP = 1_000_000;

/** A result without its table calculations' values (rows and totals). */
function withoutCalculations(result: QueryResultSet, compiled: CompiledQuery): QueryResultSet {
  const names = new Set(compiled.tableCalculations.map((c) => c.name));
  if (names.size === 0) return result;
  const drop = <T extends Record<string, unknown>>(row: T): T =>
    Object.fromEntries(Object.entries(row).filter(([name]) => !names.has(name))) as T;
  return {
    ...result,
    rows: result.rows.map(drop),
    ...(result.pivotedRows ? { pivotedRows: result.pivotedRows.map(drop) } : {}),
    ...(result.totals ? { totals: drop(result.totals) } : {}),
  };
}

/** Today's date (UTC midnight). */
function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

async function readRows(instance: DuckDBInstance, sql: string): Promise<{ columns: string[]; rows: unknown[][] }> {
  // One connection per statement: DuckDB runs them in parallel and none shares a transaction.
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowsJS() };
  } finally {
    connection.closeSync();
  }
}

class DuckDbEngine implements Engine {
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly referenceDate: Date,
  ) {}

  listModels() {
    return listLookmlModels();
  }

  getModel(name: string) {
    const model = models.find((m) => m.name === name);
    return model ? toLookmlModel(model) : undefined;
  }

  getExplore(model: string, explore: string) {
    return toLookmlExplore(model, explore);
  }

  compile(query: QueryRequest) {
    const compiled = compileQuery(query, { referenceDate: this.referenceDate });
    return { sql: compiled.sql, fields: compiled.resultFields };
  }

  private compileFor(query: QueryRequest, options?: { limit?: number }): CompiledQuery {
    return compileQuery(query, {
      referenceDate: this.referenceDate,
      ...(options?.limit !== undefined ? { limit: options.limit } : {}),
    });
  }

  private async execute(compiled: CompiledQuery): Promise<QueryResultSet> {
    if (this.closed) throw new Error('engine is closed');
    const sql = compiled.pivots.length > 0 ? `${compiled.sql}\nLIMIT ${PIVOT_ROW_CAP}` : compiled.sql;
    const { rows } = await readRows(this.instance, sql).catch((error: unknown) => {
      // The database refused the query: what it said (its first line, which names no SQL) is reported as Looker does.
      const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? '';
      throw new QueryRunError(detail, compiled.sql);
    });
    const flat = rows.map((values) => {
      const row: Record<string, Cell> = {};
      compiled.fields.forEach((f, i) => (row[f.name] = toCell(values[i])));
      // Table calculations see the row's columns and the calculations defined before them.
      for (const calc of compiled.tableCalculations) row[calc.name] = evaluate(calc.expression, row);
      return row;
    });
    const result: QueryResultSet = { fields: compiled.resultFields, rows: flat, sql: compiled.sql, pivots: [] };
    if (compiled.pivots.length === 0) return result;
    const pivoted = pivotRows(
      flat,
      compiled.fields,
      compiled.pivots,
      compiled.limit,
      compiled.pivotDescending,
      compiled.columnLimit,
    );
    return {
      ...result,
      pivots: pivoted.columns.map((c) => c.key),
      pivotedRows: pivoted.rows,
      pivotColumns: pivoted.columns,
    };
  }

  /**
   * Totals, as Looker computes them for a query with `total`: a second query over the same filters
   * that keeps only the measures (and the pivot dimensions, for one total per pivot column), so
   * distinct counts and averages are totalled right rather than summed from the rows. Table
   * calculations are evaluated on that row.
   */
  private async totals(query: QueryRequest, compiled: CompiledQuery): Promise<QueryResultSet['totals']> {
    if (query.total !== true) return undefined;
    const measures = compiled.fields.filter((f) => f.category === 'measure');
    if (measures.length === 0) return undefined;
    const fields = compiled.fields
      .filter((f) => f.category === 'measure' || compiled.pivots.includes(f))
      .map((f) => f.name);
    const aggregate = await this.execute(this.compileFor({ ...query, fields, sorts: [], total: false, limit: '-1' }));
    const row = aggregate.pivotedRows?.[0] ?? aggregate.rows[0];
    if (!row) return {};
    return Object.fromEntries(Object.entries(row).filter(([name]) => !compiled.pivots.some((p) => p.name === name)));
  }

  /**
   * Row totals, as Looker computes them for a pivoted query with `row_total`: a second query over
   * the same filters without the pivots, grouped by the row's dimensions (so averages and
   * distinct counts are right, not sums of the pivot cells), and a third for the totals' own row
   * total. Each pivoted measure's object gets the value under `$$$_row_total_$$$`.
   */
  private async withRowTotals(
    query: QueryRequest,
    compiled: CompiledQuery,
    result: QueryResultSet,
  ): Promise<QueryResultSet> {
    const measures = compiled.fields.filter((f) => f.category === 'measure');
    if (!query.row_total || !result.pivotedRows || measures.length === 0) return result;
    const rowDims = compiled.fields.filter((f) => f.category === 'dimension' && !compiled.pivots.includes(f));
    const unpivoted = (fields: string[]): QueryRequest => ({
      ...query,
      fields,
      pivots: [],
      sorts: [],
      total: false,
      row_total: null,
      column_limit: null,
      limit: '-1',
    });
    const [byRow, grand] = await Promise.all([
      this.execute(this.compileFor(unpivoted([...rowDims, ...measures].map((f) => f.name)))),
      result.totals ? this.execute(this.compileFor(unpivoted(measures.map((f) => f.name)))) : undefined,
    ]);
    const keyOf = (row: Record<string, unknown>) => JSON.stringify(rowDims.map((d) => row[d.name] ?? null));
    const totalsByRow = new Map(byRow.rows.map((row) => [keyOf(row), row]));
    const pivotedRows = result.pivotedRows.map((row) => {
      const source = totalsByRow.get(keyOf(row));
      const out = { ...row };
      for (const m of measures)
        out[m.name] = { ...(row[m.name] as Record<string, Cell>), [ROW_TOTAL_KEY]: source?.[m.name] ?? null };
      return out;
    });
    const totals = result.totals && { ...result.totals };
    if (totals)
      for (const m of measures)
        totals[m.name] = {
          ...(totals[m.name] as Record<string, Cell>),
          [ROW_TOTAL_KEY]: grand?.rows[0]?.[m.name] ?? null,
        };
    return { ...result, pivotedRows, ...(totals ? { totals } : {}), hasRowTotals: true };
  }

  private async executeWithTotals(query: QueryRequest, compiled: CompiledQuery): Promise<QueryResultSet> {
    const [result, totals] = await Promise.all([this.execute(compiled), this.totals(query, compiled)]);
    return this.withRowTotals(query, compiled, totals === undefined ? result : { ...result, totals });
  }

  async run(query: QueryRequest, options?: { limit?: number }): Promise<QueryResultSet> {
    return this.executeWithTotals(query, this.compileFor(query, options));
  }

  render(query: QueryRequest, format: TextResultFormat, options?: RenderOptions): Promise<RenderedResult>;
  render(
    query: QueryRequest,
    format: ResultFormat,
    options?: RenderOptions,
  ): Promise<RenderedResult | BinaryRenderedResult>;
  async render(
    query: QueryRequest,
    format: ResultFormat,
    options: RenderOptions = {},
  ): Promise<RenderedResult | BinaryRenderedResult> {
    const compiled = this.compileFor(query, options);
    if (format === 'sql') return { contentType: 'application/sql', body: compiled.sql };
    let result: QueryResultSet;
    try {
      result = await this.executeWithTotals(query, compiled);
      // `server_table_calcs: false` leaves the calculations to the client: their values are not sent.
      if (options.serverTableCalcs === false) result = withoutCalculations(result, compiled);
    } catch (error) {
      // Formats that can carry a database error answer it as data; the others rethrow (HTTP 400).
      const rendered =
        error instanceof QueryRunError
          ? renderQueryError(error, format, compiled.fields, compiled.pivots, { ...(query.filters ?? {}) })
          : undefined;
      if (rendered) return rendered;
      throw error;
    }
    if (format === 'xlsx') {
      const { header, body } = table(result, [...compiled.fields, ...compiled.calculationFields], compiled.pivots);
      return renderXlsx(header, body);
    }
    return renderResult(
      result,
      format,
      [...compiled.fields, ...compiled.calculationFields],
      compiled.pivots,
      { ...(query.filters ?? {}) },
      { drillLinks: options.drillLinks === false ? undefined : { model: query.model, view: query.view } },
    );
  }

  async sql(statement: string): Promise<Record<string, unknown>[]> {
    if (this.closed) throw new Error('engine is closed');
    const { columns, rows } = await readRows(this.instance, statement);
    return rows.map((values) => Object.fromEntries(columns.map((c, i) => [c, toCell(values[i])])));
  }

  async tableSizes(): Promise<Record<string, number>> {
    const connection = await this.instance.connect();
    try {
      return await countRows(connection);
    } finally {
      connection.closeSync();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.instance.closeSync();
  }
}

/**
 * Build the emulator's analytical engine: generate the demo data set (deterministic for a seed,
 * scale and reference date) into an in-memory DuckDB and serve the demo models over it.
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const referenceDate = options.referenceDate ?? todayUtc();
  const dataset = await buildDataset({ seed: options.seed ?? 42, scale: options.scale ?? 1, referenceDate });
  dataset.connection.closeSync();
  return new DuckDbEngine(dataset.instance, referenceDate);
}
