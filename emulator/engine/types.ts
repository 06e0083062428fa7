import type { ILookmlModel, ILookmlModelExplore } from '@looker/sdk';

/**
 * The contract between the emulator's HTTP layer and its analytical engine (data set, models,
 * query compiler). The HTTP layer knows users, content and sessions; the engine knows data.
 */

/** A query as Looker's `WriteQuery` carries it; only the parts the engine evaluates. */
export interface QueryRequest {
  model: string;
  view: string;
  fields?: string[] | null;
  /** Field name → Looker filter expression (`"complete,pending"`, `">10"`, `"7 days"`). */
  filters?: Record<string, string> | null;
  /** `"orders.created_date desc"`, `"order_items.count"` (asc is the default). */
  sorts?: string[] | null;
  /** Looker sends limits as strings; `"-1"` means no limit (capped by the engine). */
  limit?: string | number | null;
  pivots?: string[] | null;
  /**
   * Custom fields and table calculations, as Looker's JSON text (see `query/dynamic-fields.ts` for
   * the subset the engine evaluates).
   */
  dynamic_fields?: string | null;
  /** Pivot columns kept (the first N in pivot order). */
  column_limit?: string | number | null;
  /** Accepted, stored and echoed; not evaluated by the engine (see the emulator README). */
  fill_fields?: string[] | null;
  filter_expression?: string | null;
  /** Totals: computed (json_detail's `totals_data`) by a second, aggregate query. */
  total?: boolean | null;
  row_total?: string | null;
  subtotals?: string[] | null;
  query_timezone?: string | null;
}

/** Result formats the engine renders. */
export type ResultFormat = 'json' | 'json_bi' | 'json_detail' | 'json_label' | 'csv' | 'xlsx' | 'sql' | 'txt' | 'md';

/** Result formats whose body is text. */
export type TextResultFormat = Exclude<ResultFormat, 'xlsx'>;

/** A result rendered in a binary format (`xlsx`): bytes. */
export interface BinaryRenderedResult {
  contentType: string;
  body: Buffer;
  queryError?: undefined;
}

/** Metadata of one selected field, as Looker reports it in `json_bi`. */
export interface ResultField {
  name: string;
  label: string;
  label_short: string;
  view: string;
  type: string;
  category: 'dimension' | 'measure';
  is_numeric: boolean;
  sql: string;
}

/** A query's rows and the SQL that produced them. Row keys are Looker field names. */
export interface QueryResultSet {
  fields: ResultField[];
  rows: Record<string, string | number | boolean | null>[];
  sql: string;
  /** Values of the pivot dimensions, when the query pivots. */
  pivots: string[];
  /**
   * Pivoted queries only: one row per combination of the non-pivot dimensions, each measure an
   * object keyed by pivot value (Looker's `json` shape). `rows` then holds the unpivoted rows.
   */
  pivotedRows?: Record<string, string | number | boolean | null | Record<string, string | number | boolean | null>>[];
  /** Pivoted queries only: each pivot column's key and its pivot dimensions' values. */
  pivotColumns?: { key: string; data: Record<string, string | number | boolean | null> }[];
  /**
   * Queries with `total` only: the measures (and table calculations) over every row the filters
   * keep, from a second aggregate query, as Looker computes totals; pivoted measures keyed by
   * pivot key.
   */
  totals?: Record<string, string | number | boolean | null | Record<string, string | number | boolean | null>>;
  /**
   * Pivoted queries with `row_total` only: each pivoted measure's object (in `pivotedRows` and
   * `totals`) also holds its row total under Looker's key `$$$_row_total_$$$`.
   */
  hasRowTotals?: boolean;
}

/**
 * How one run is answered, from the run's parameters (`run_query`, `run_inline_query`, `run_look`,
 * `create_query_task`).
 */
export interface RenderOptions {
  /** Overrides the query's own row limit (`limit`). */
  limit?: number;
  /** json_detail drill links and drill-menu pivot labels (`generate_drill_links`); Looker's default is on. */
  drillLinks?: boolean;
  /** Table calculations computed (`server_table_calcs`); `false` leaves their values out of the rows. */
  serverTableCalcs?: boolean;
}

/** One field-level validation problem, in the shape of Looker's `ValidationErrorDetail`. */
export interface ValidationDetail {
  field: string;
  code: 'missing' | 'invalid' | 'not_found';
  message: string;
}

/** Raised when a query refers to an unknown field, has a malformed filter or a bad limit (422). */
export class QueryValidationError extends Error {
  constructor(readonly errors: ValidationDetail[]) {
    super('Validation Failed');
    this.name = 'QueryValidationError';
  }
}

/** Raised when a query names a model or explore that does not exist (404). */
export class UnknownExploreError extends Error {
  constructor(
    readonly model: string,
    readonly view: string,
  ) {
    super(`Unknown explore ${model}::${view}`);
    this.name = 'UnknownExploreError';
  }
}

/**
 * Raised when the database refuses a compiled query at run time. Looker reports these as data
 * (HTTP 200 with `looker_error` rows, or `errors` in json_detail), not as an HTTP error.
 */
export class QueryRunError extends Error {
  constructor(
    /** What the database said (its first line: no SQL). */
    readonly detail: string,
    /** The SQL that failed, which json_bi and json_detail error bodies carry. */
    readonly sql: string,
  ) {
    super('The DuckDB database encountered an error while running this query.');
    this.name = 'QueryRunError';
  }
}

/** A rendered result: the body to send and its content type. */
export interface RenderedResult {
  contentType: string;
  body: string;
  /** Set when the body reports a database error in Looker's way (a query task then ends in `error`). */
  queryError?: string;
}

/** The emulator's analytical engine: the demo data set in an embedded SQL engine plus the models. */
export interface Engine {
  /** All models, with their explores listed (Looker's `GET /lookml_models` shape). */
  listModels(): ILookmlModel[];
  /** One model, or undefined. */
  getModel(name: string): ILookmlModel | undefined;
  /** One explore with its fields (Looker's `GET /lookml_models/{m}/explores/{e}` shape), or undefined. */
  getExplore(model: string, explore: string): ILookmlModelExplore | undefined;
  /** Compile a query to SQL without running it. Throws QueryValidationError / UnknownExploreError. */
  compile(query: QueryRequest): { sql: string; fields: ResultField[] };
  /** Run a query. `limit` overrides the query's own limit (as `run_query`'s `limit` param does). */
  run(query: QueryRequest, options?: { limit?: number }): Promise<QueryResultSet>;
  /** Run and render in one of Looker's result formats: text ones as text, */
  render(query: QueryRequest, format: TextResultFormat, options?: RenderOptions): Promise<RenderedResult>;
  /** and any format, binary ones (`xlsx`) as bytes. */
  render(
    query: QueryRequest,
    format: ResultFormat,
    options?: RenderOptions,
  ): Promise<RenderedResult | BinaryRenderedResult>;
  /** Raw SQL against the data set, for tests that check results independently. */
  sql(statement: string): Promise<Record<string, unknown>[]>;
  /** Row counts of the data set's tables. */
  tableSizes(): Promise<Record<string, number>>;
  /** Release the embedded database. */
  close(): Promise<void>;
}

/** Options for building the engine. */
export interface EngineOptions {
  /** Seed of the deterministic data generator. Default 42. */
  seed?: number;
  /** Scale factor: 1 = 100,000 order items; 100 = 10 million. Default 1. */
  scale?: number;
  /**
   * The day the data set ends on and relative date filters (`7 days`, `last month`) count from.
   * Default: today (UTC). Tests pass a fixed date.
   */
  referenceDate?: Date;
}
