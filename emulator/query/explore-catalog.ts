import { models } from '../model/models';
import type {
  DimensionType,
  ExploreDef,
  FieldDrillDef,
  FieldLinkDef,
  MeasureType,
  ModelDef,
  Timeframe,
  ViewDef,
} from '../model/types';
import { views } from '../model/views';
import { humanize } from './labels';
import { namedValueFormat } from '../engine/value-format';

/** A field's value format properties from its LookML `value_format_name`. */
function namedFormat(name: string | undefined): Pick<CatalogField, 'valueFormatName' | 'valueFormat'> {
  const format = name === undefined ? undefined : namedValueFormat(name);
  return name === undefined || format === undefined ? {} : { valueFormatName: name, valueFormat: format };
}

/** How a field's filter expressions are read. */
export type FilterKind = 'string' | 'number' | 'yesno' | 'date';

/** One queryable field of an explore, with its SQL resolved against the view aliases. */
export interface CatalogField {
  /** `view.field`, as Looker names it. */
  name: string;
  view: string;
  viewLabel: string;
  category: 'dimension' | 'measure';
  /** Looker's field type: `string`, `number`, `yesno`, `date_month`, `count`, `sum`, ... */
  type: string;
  filterKind: FilterKind;
  label: string;
  labelShort: string;
  description: string | null;
  hidden: boolean;
  primaryKey: boolean;
  isNumeric: boolean;
  /** The LookML `sql` as written (with `${TABLE}`), as Looker's field metadata shows it. */
  lookmlSql: string | null;
  /** Dimension: SQL expression with `${TABLE}` replaced by the view alias. Measure: the aggregated expression. */
  expr: string | null;
  /** Time fields: the raw timestamp expression that date filters compare against. */
  timeExpr?: string;
  dimensionGroup?: string;
  timeframe?: Timeframe;
  measureType?: MeasureType;
  /** Table calculations (from `dynamic_fields`): their expression; they have no SQL. */
  tableCalculation?: string;
  /** LookML `value_format_name`, when the field has one. */
  valueFormatName?: string;
  /** The Excel-style format Looker renders the values with (`$#,##0.00`), when the field has one. */
  valueFormat?: string;
  /** LookML `drill_fields`, fully qualified. */
  drillFields?: readonly string[];
  /** LookML `link`s. */
  links?: readonly FieldLinkDef[];
}

const viewsByName = new Map(views.map((v) => [v.name, v]));

/** A view definition by name, or undefined. */
export function findView(name: string): ViewDef | undefined {
  return viewsByName.get(name);
}

/** A model and explore by name, or undefined. */
export function findExplore(
  modelName: string,
  exploreName: string,
): { model: ModelDef; explore: ExploreDef } | undefined {
  const model = models.find((m) => m.name === modelName);
  const explore = model?.explores.find((e) => e.name === exploreName);
  return model && explore ? { model, explore } : undefined;
}

/** Replace `${TABLE}` by the view's alias (its name, as the compiler aliases every table). */
export function resolveTable(sql: string, viewName: string): string {
  return sql.replace(/\$\{TABLE\}/g, viewName);
}

function dimensionType(type: DimensionType): { filterKind: FilterKind; isNumeric: boolean } {
  return { filterKind: type, isNumeric: type === 'number' };
}

/** A field's drill fields and links, when its LookML declares them. */
function drillOf(def: FieldDrillDef): Pick<CatalogField, 'drillFields' | 'links'> {
  return { ...(def.drillFields && { drillFields: def.drillFields }), ...(def.links && { links: def.links }) };
}

/** Every field of one view, in LookML order: dimensions, dimension-group timeframes, measures. */
export function viewFields(view: ViewDef): CatalogField[] {
  const common = { view: view.name, viewLabel: view.label };
  const fields: CatalogField[] = view.dimensions.map((d) => {
    const labelShort = d.label ?? humanize(d.name);
    return {
      ...common,
      name: `${view.name}.${d.name}`,
      category: 'dimension',
      type: d.type,
      ...dimensionType(d.type),
      label: `${view.label} ${labelShort}`,
      labelShort,
      description: d.description ?? null,
      hidden: d.hidden ?? false,
      primaryKey: d.primaryKey ?? false,
      lookmlSql: d.sql,
      expr: resolveTable(d.sql, view.name),
      ...namedFormat(d.valueFormatName),
      ...drillOf(d),
    };
  });
  for (const group of view.dimensionGroups) {
    for (const timeframe of group.timeframes) {
      const labelShort = `${group.label ?? humanize(group.name)} ${humanize(timeframe)}`;
      fields.push({
        ...common,
        name: `${view.name}.${group.name}_${timeframe}`,
        category: 'dimension',
        type: `date_${timeframe}`,
        filterKind: 'date',
        label: `${view.label} ${labelShort}`,
        labelShort,
        description: group.description ?? null,
        hidden: false,
        primaryKey: false,
        isNumeric: false,
        lookmlSql: group.sql,
        expr: resolveTable(group.sql, view.name),
        timeExpr: resolveTable(group.sql, view.name),
        dimensionGroup: `${view.name}.${group.name}`,
        timeframe,
      });
    }
  }
  for (const m of view.measures) {
    const labelShort = m.label ?? humanize(m.name);
    fields.push({
      ...common,
      name: `${view.name}.${m.name}`,
      category: 'measure',
      type: m.type,
      filterKind: 'number',
      label: `${view.label} ${labelShort}`,
      labelShort,
      description: m.description ?? null,
      hidden: m.hidden ?? false,
      primaryKey: false,
      isNumeric: true,
      lookmlSql: m.sql ?? null,
      expr: m.sql ? resolveTable(m.sql, view.name) : null,
      measureType: m.type,
      ...namedFormat(m.valueFormatName),
      ...drillOf(m),
    });
  }
  return fields;
}

/** The views an explore reaches: its base view first, then its joins in declaration order. */
export function exploreViews(explore: ExploreDef): ViewDef[] {
  const names = [explore.baseView, ...explore.joins.map((j) => j.view)];
  return names.map((name) => {
    const view = findView(name);
    if (!view) throw new Error(`explore ${explore.name} refers to unknown view ${name}`);
    return view;
  });
}

/** All fields of an explore (base view and joined views), keyed by `view.field`. */
export function exploreFields(explore: ExploreDef): Map<string, CatalogField> {
  const fields = new Map<string, CatalogField>();
  for (const view of exploreViews(explore)) for (const field of viewFields(view)) fields.set(field.name, field);
  return fields;
}
