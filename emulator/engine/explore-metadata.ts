import {
  Category,
  type ILookmlModel,
  type ILookmlModelExplore,
  type ILookmlModelExploreField,
  type ILookmlModelExploreJoins,
} from '@looker/sdk';
import { models } from '../model/models';
import type { ExploreDef, ModelDef } from '../model/types';
import { exploreFields, findExplore, findView, type CatalogField } from '../query/explore-catalog';
import { exploreTemplatedFields } from '../query/templated-fields';
import { toTemplatedExploreField } from './templated-field-metadata';

/** Dialect reported for the embedded engine's connection. */
export const DIALECT_NAME = 'duckdb';

/** An explore as a model lists it; with no group label of its own it is grouped under its model's label, as Looker's menu does. */
function navExplore(explore: ExploreDef, model: ModelDef): NonNullable<ILookmlModel['explores']>[number] {
  return {
    name: explore.name,
    label: explore.label,
    description: explore.description,
    hidden: explore.hidden ?? false,
    group_label: model.label,
  };
}

/** A model in Looker's `LookmlModel` shape. */
export function toLookmlModel(model: ModelDef): ILookmlModel {
  return {
    name: model.name,
    label: model.label,
    project_name: model.projectName,
    allowed_db_connection_names: [model.connection],
    has_content: true,
    unlimited_db_connections: false,
    explores: model.explores.map((e) => navExplore(e, model)),
    can: {},
  };
}

/** All demo models in Looker's `LookmlModel` shape. */
export function listLookmlModels(): ILookmlModel[] {
  return models.map(toLookmlModel);
}

/** A catalog field in Looker's `LookmlModelExploreField` shape. */
export function toExploreField(f: CatalogField, model: ModelDef): ILookmlModelExploreField {
  return {
    name: f.name,
    label: f.label,
    label_short: f.labelShort,
    view: f.view,
    view_label: f.viewLabel,
    original_view: f.view,
    type: f.type,
    category: f.category === 'measure' ? Category.measure : Category.dimension,
    measure: f.category === 'measure',
    is_numeric: f.isNumeric,
    is_filter: false,
    is_fiscal: false,
    is_timeframe: f.timeframe !== undefined,
    can_time_filter: f.timeframe !== undefined,
    dimension_group: f.dimensionGroup ?? null,
    hidden: f.hidden,
    primary_key: f.primaryKey,
    description: f.description,
    sql: f.lookmlSql,
    sortable: true,
    can_filter: true,
    suggestable: f.filterKind === 'string',
    parameter: false,
    permanent: null,
    project_name: model.projectName,
    scope: f.view,
    source_file: `${f.view}.view.lkml`,
    suggest_dimension: f.name,
    suggest_explore: f.view,
    tags: [],
    enumerations:
      f.type === 'yesno'
        ? [
            { label: 'Yes', value: 'Yes' },
            { label: 'No', value: 'No' },
          ]
        : null,
    value_format: f.valueFormat ?? null,
    value_format_name: f.valueFormatName ?? null,
    has_allowed_values: false,
    requires_refresh_on_sort: false,
    strict_value_format: false,
    dynamic: false,
    fiscal_month_offset: 0,
    field_group_label: null,
    field_group_variant: f.timeframe ? (f.labelShort.split(' ').slice(-1)[0] ?? null) : null,
    lookml_link: null,
    drill_fields: [...(f.drillFields ?? [])],
    links: (f.links ?? []).map((l) => ({ label: l.label, url: l.url, icon_url: l.iconUrl ?? null })),
  };
}

function toJoin(explore: ExploreDef, index: number): ILookmlModelExploreJoins {
  const join = explore.joins[index];
  if (!join) throw new RangeError(`explore ${explore.name} has no join #${index}`);
  const view = findView(join.view);
  const referenced = [...join.sqlOn.matchAll(/\$\{([a-z_]+)\.[a-z_]+\}/gi)]
    .map((m) => m[1] ?? '')
    .filter((v) => v !== join.view);
  return {
    name: join.view,
    from: null,
    relationship: join.relationship,
    type: join.type,
    sql_on: join.sqlOn,
    sql_table_name: view?.sqlTableName ?? join.view,
    sql_foreign_key: null,
    foreign_key: null,
    outer_only: false,
    required_joins: [...new Set(referenced.filter((v) => v !== explore.baseView))],
    dependent_fields: [],
    fields: null,
    view_label: view?.label ?? null,
  };
}

/** An explore in Looker's `LookmlModelExplore` shape, with every field of its views. */
export function toLookmlExplore(modelName: string, exploreName: string): ILookmlModelExplore | undefined {
  const found = findExplore(modelName, exploreName);
  if (!found) return undefined;
  const { model, explore } = found;
  const fields = [...exploreFields(explore).values()].map((f) => toExploreField(f, model));
  const baseView = findView(explore.baseView);
  const templated = [...exploreTemplatedFields(explore).values()];
  return {
    id: `${model.name}::${explore.name}`,
    name: explore.name,
    model_name: model.name,
    project_name: model.projectName,
    label: explore.label,
    title: explore.label,
    description: explore.description,
    hidden: explore.hidden ?? false,
    group_label: model.label,
    view_name: explore.baseView,
    sql_table_name: baseView?.sqlTableName ?? explore.baseView,
    connection_name: model.connection,
    dialect_name: DIALECT_NAME,
    null_sort_treatment: 'low',
    can_total: true,
    can_save: true,
    can_explain: false,
    can_pivot_in_db: true,
    can_subtotal: false,
    has_timezone_support: false,
    supports_cost_estimate: false,
    can_develop: false,
    can_see_lookml: false,
    lookml_link: null,
    files: [`${model.name}.model.lkml`],
    source_file: `${model.name}.model.lkml`,
    scopes: [explore.baseView, ...explore.joins.map((j) => j.view)],
    access_filters: [],
    always_filter: [],
    conditionally_filter: [],
    aliases: [],
    index_fields: [],
    sets: [],
    tags: [],
    errors: [],
    always_join: [],
    joins: explore.joins.map((_j, i) => toJoin(explore, i)),
    fields: {
      dimensions: fields.filter((f) => !f.measure),
      measures: fields.filter((f) => f.measure),
      filters: templated
        .filter((t) => t.kind === 'filter')
        .map((t) => toTemplatedExploreField(t, toExploreField(t.field, model))),
      parameters: templated
        .filter((t) => t.kind === 'parameter')
        .map((t) => toTemplatedExploreField(t, toExploreField(t.field, model))),
    },
  };
}
