/**
 * LookML-style model definitions, kept as plain data. The emulator's query compiler turns them into
 * SQL for the embedded engine, and the explore endpoints turn them into Looker's
 * `LookmlModelExplore` shape.
 */

/** Type of a plain dimension, as LookML names it. */
export type DimensionType = 'string' | 'number' | 'yesno';

/** Timeframes a `dimension_group` of type `time` expands into (`<group>_<timeframe>` fields). */
export type Timeframe = 'date' | 'week' | 'month' | 'year';

/** Measure aggregation, as LookML names it. */
export type MeasureType = 'count' | 'sum' | 'average' | 'count_distinct' | 'min' | 'max';

/** A LookML `link` on a field: a label and a URL (a Liquid template, as written in LookML). */
export interface FieldLinkDef {
  label: string;
  url: string;
  iconUrl?: string;
}

/** What a field offers beyond its value: LookML `drill_fields` (fully qualified) and `link`s. */
export interface FieldDrillDef {
  drillFields?: string[];
  links?: FieldLinkDef[];
}

/**
 * A dimension. `sql` is a SQL expression in which `${TABLE}` stands for the view's table alias
 * (the view's name) — the same convention LookML uses.
 */
export interface DimensionDef extends FieldDrillDef {
  name: string;
  type: DimensionType;
  sql: string;
  label?: string;
  description?: string;
  hidden?: boolean;
  primaryKey?: boolean;
  /** LookML `value_format_name` (`usd`, `percent_1`, `decimal_1`, …): how Looker renders the values. */
  valueFormatName?: ValueFormatName;
}

/** A `dimension_group` of type `time`: one field per timeframe, named `<name>_<timeframe>`. */
export interface DimensionGroupDef {
  name: string;
  sql: string;
  timeframes: Timeframe[];
  label?: string;
  description?: string;
}

/**
 * A measure. `sql` is the aggregated expression (absent for `count`, which counts the view's
 * primary key). Counts and sums stay correct under join fan-out (symmetric aggregates).
 */
export interface MeasureDef extends FieldDrillDef {
  name: string;
  type: MeasureType;
  sql?: string;
  label?: string;
  description?: string;
  hidden?: boolean;
  /** LookML `value_format_name` (`usd`, `percent_1`, `decimal_1`, …): how Looker renders the values. */
  valueFormatName?: ValueFormatName;
}

/** Looker's built-in named value formats the demo model uses (see `engine/value-format.ts`). */
export type ValueFormatName = 'usd' | 'usd_0' | 'percent_1' | 'decimal_1' | 'decimal_2';

/**
 * A filter-only field (LookML `filter:`): queries may filter on it but not select it. `sql` is its
 * LookML `sql`, applied to the WHERE clause whenever the filter has a value; in it,
 * `{% condition %} expr {% endcondition %}` stands for the filter's condition on `expr`.
 */
export interface FilterOnlyDef {
  name: string;
  type: DimensionType;
  sql: string;
  label?: string;
  description?: string;
  /** LookML `suggest_dimension` (`view.field`): the dimension whose values are suggested for it. */
  suggestDimension?: string;
}

/** A LookML `allowed_value` of a parameter: what a user picks (`label`) and what the query passes (`value`). */
export interface AllowedValueDef {
  label: string;
  value: string;
}

/**
 * A parameter (LookML `parameter:`): a single value a query passes through its filters, which
 * LookML reads with `{% parameter %}`.
 */
export interface ParameterDef {
  name: string;
  type: 'unquoted' | 'string' | 'number';
  label?: string;
  description?: string;
  allowedValues: AllowedValueDef[];
  /** LookML `default_value`. */
  defaultValue?: string;
}

/** A view: one table of the demo data set and the fields defined on it. */
export interface ViewDef {
  name: string;
  label: string;
  sqlTableName: string;
  dimensions: DimensionDef[];
  dimensionGroups: DimensionGroupDef[];
  measures: MeasureDef[];
  /** Filter-only fields (LookML `filter:`). */
  filters?: FilterOnlyDef[];
  /** Parameters (LookML `parameter:`). */
  parameters?: ParameterDef[];
}

/** A join from an explore's base view to another view. `sqlOn` uses `${view.field}` references. */
export interface JoinDef {
  view: string;
  sqlOn: string;
  relationship: 'many_to_one' | 'one_to_one' | 'one_to_many';
  type: 'left_outer' | 'inner';
}

/** An explore: a base view and the views joined to it. */
export interface ExploreDef {
  name: string;
  label: string;
  description: string;
  baseView: string;
  joins: JoinDef[];
  hidden?: boolean;
}

/** A LookML model: a named set of explores on one connection. */
export interface ModelDef {
  name: string;
  label: string;
  projectName: string;
  connection: string;
  explores: ExploreDef[];
}
