import type {
  IDashboard,
  IDashboardElement,
  IDashboardLayout,
  IDashboardLayoutComponent,
  IQuery,
  IWriteQuery,
} from '@looker/sdk';
import { createHash } from 'node:crypto';
import { shortened } from '../looker/shortened';
import { badUserInput, boundedList, boundedText, maxFilterExpressionLength } from './arguments';

/**
 * A dashboard tile as the subgraph serves it: Looker's element plus the dashboard filter values in
 * force (the filters' defaults, or what the caller chose). This way the tile's data is what the
 * dashboard shows, not its bare saved query.
 */
export interface DashboardTileModel extends IDashboardElement {
  /** Dashboard filter name → Looker filter expression; empty expressions filter nothing. */
  readonly dashboardFilterValues: Readonly<Record<string, string>>;
  /**
   * Set when the tile was read with values other than the dashboard's defaults (the deprecated
   * `tiles(filters:)`). It is a digest of those values, part of the tile's GraphQL id.
   */
  readonly filterDigest?: string;
  /** The dashboard's active layout, read only when a tile's `layout` is asked for (it may cost the dashboard's detail call). */
  readonly dashboardLayout?: () => Promise<IDashboardLayout | undefined>;
}

/** The layout Looker shows: the active one, else the first. */
export function activeLayout(layouts: readonly IDashboardLayout[] | null | undefined): IDashboardLayout | undefined {
  return layouts?.find((l) => l.active) ?? layouts?.[0];
}

/** Where the layout places a tile, or undefined when it does not. */
export function tilePlacement(
  layout: IDashboardLayout | undefined,
  tileId: string | null | undefined,
): IDashboardLayoutComponent | undefined {
  if (!tileId) return undefined;
  return layout?.dashboard_layout_components?.find((c) => c.dashboard_element_id === tileId && c.deleted !== true);
}

/**
 * A tile's `vis_config`: the tile's own (its result maker's, which Looker keeps per tile), else its
 * query's or its look's query's.
 */
export function tileVisConfig(tile: IDashboardElement): Record<string, unknown> | undefined {
  return tile.result_maker?.vis_config ?? tile.query?.vis_config ?? tile.look?.query?.vis_config ?? undefined;
}

/** A value a caller chose for one dashboard filter. */
export interface DashboardFilterChoice {
  readonly name: string;
  readonly value: string;
}

/** Most dashboard filter values one `filters` argument may set. */
const maxDashboardFilterValues = 50;
/** Longest dashboard filter name a caller may send (Looker's names are short titles). */
const maxFilterNameLength = 200;

/** A `filters: [DashboardFilterValue!]` argument, each name and value bounded. */
export function filterChoices(filters: readonly DashboardFilterChoice[] | null | undefined): DashboardFilterChoice[] {
  return boundedList('filters', filters ?? [], maxDashboardFilterValues).map((choice, i) => ({
    name: boundedText(`filters[${i}].name`, choice.name, maxFilterNameLength),
    value: boundedText(`filters[${i}].value`, choice.value, maxFilterExpressionLength),
  }));
}

/** The filter values in force: each filter's default, overridden by the caller's choices. */
export function dashboardFilterValues(
  dashboard: IDashboard,
  choices: readonly DashboardFilterChoice[] | null | undefined,
): Record<string, string> {
  const defaults = (dashboard.dashboard_filters ?? [])
    .filter((f) => f.name)
    .map((f): [string, string] => [f.name as string, f.default_value ?? '']);
  return withFilterChoices(dashboard.id, Object.fromEntries(defaults), choices);
}

/**
 * `values` (filter name → expression) overridden by the caller's choices; a name that is not one of
 * the dashboard's filters is BAD_USER_INPUT. The answer has no prototype and names are looked up as
 * own keys only, so `constructor` or `__proto__` is an unknown filter, never one of `Object`'s members.
 */
export function withFilterChoices(
  dashboardId: string | null | undefined,
  values: Readonly<Record<string, string>>,
  choices: readonly DashboardFilterChoice[] | null | undefined,
): Record<string, string> {
  const chosen: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, values);
  for (const choice of choices ?? []) {
    if (!Object.hasOwn(chosen, choice.name))
      throw badUserInput('filters', `Dashboard ${dashboardId} has no filter named "${choice.name}". ${known(chosen)}`);
    chosen[choice.name] = choice.value;
  }
  return chosen;
}

/** Most filter names an error lists, and how much of each (they are Looker content, of any length). */
const maxNamesListed = 20;
const maxNameListed = 100;

/** The dashboard's filter names, for an error to say which exist. */
function known(values: Readonly<Record<string, string>>): string {
  const names = Object.keys(values);
  if (names.length === 0) return 'It has no filters.';
  const listed = names.slice(0, maxNamesListed).map((n) => `"${shortened(n, maxNameListed)}"`);
  const more = names.length > maxNamesListed ? `, and ${names.length - maxNamesListed} more` : '';
  return `Its filters: ${listed.join(', ')}${more}.`;
}

/**
 * A digest of filter values, for ids that must differ when the values do: the same values give
 * the same digest whatever order they were chosen in.
 */
function filterDigest(values: Readonly<Record<string, string>>): string {
  const canonical = JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

/** The digest of `values` when they differ from `defaults`, else undefined (the tile keeps its element id). */
export function digestUnlessDefaults(
  defaults: Readonly<Record<string, string>>,
  values: Readonly<Record<string, string>>,
): string | undefined {
  const same = Object.keys(values).every((name) => values[name] === defaults[name]);
  return same ? undefined : filterDigest(values);
}

/** The tile's GraphQL id: its element id, plus the digest of its filter values when it has one. */
export function tileGraphId(tile: DashboardTileModel): string {
  return tile.filterDigest ? `${String(tile.id)}~${tile.filterDigest}` : String(tile.id);
}

/**
 * The tile as a field with its own `filters` argument sees it: its filter values overridden by
 * `filters`. An unknown name is BAD_USER_INPUT naming the dashboard's filters.
 */
export function tileWithFilters(
  tile: DashboardTileModel,
  filters: readonly DashboardFilterChoice[] | null | undefined,
): DashboardTileModel {
  const choices = filterChoices(filters);
  if (choices.length === 0) return tile;
  return { ...tile, dashboardFilterValues: withFilterChoices(tile.dashboard_id, tile.dashboardFilterValues, choices) };
}

/** The saved query behind a tile: its own, its look's, or its result maker's. */
export function tileQueryId(tile: IDashboardElement): string | undefined {
  return tile.query_id ?? tile.look?.query_id ?? tile.result_maker?.query_id ?? undefined;
}

/** The tile's query definition when Looker embedded it. */
export function embeddedTileQuery(tile: IDashboardElement): IQuery | undefined {
  return tile.query ?? tile.look?.query ?? tile.result_maker?.query ?? undefined;
}

/**
 * The dashboard filters a tile listens to that carry a value now, as field → expression. A filter
 * replaces the tile query's own filter on that field, as on the dashboard itself.
 */
export function appliedTileFilters(tile: DashboardTileModel): Record<string, string> {
  return Object.fromEntries(
    Object.entries(appliedTileFilterNames(tile)).map(([field, name]) => [
      field,
      tile.dashboardFilterValues[name] ?? '',
    ]),
  );
}

/** Which dashboard filter each field of {@link appliedTileFilters} takes its value from: field → filter name. */
export function appliedTileFilterNames(tile: DashboardTileModel): Record<string, string> {
  const names: Record<string, string> = {};
  for (const filterable of tile.result_maker?.filterables ?? []) {
    for (const listen of filterable.listen ?? []) {
      const name = listen.dashboard_filter_name;
      if (listen.field && name && Object.hasOwn(tile.dashboardFilterValues, name) && tile.dashboardFilterValues[name])
        names[listen.field] = name;
    }
  }
  return names;
}

/**
 * The query a filtered tile runs: its own definition with the dashboard's filters laid over it.
 * Every `WriteQuery` property that decides the result is carried, so the tile shows the same
 * columns, totals and time zone as on the dashboard. Left out: `client_id` (Looker's handle on the
 * saved query: a changed query must get its own), `filter_config` (the spec says to set it to null
 * when writing a query, since it would take precedence over `filters`) and `visible_ui_sections`
 * (explore UI state only).
 */
export function filteredTileQuery(
  query: IQuery,
  applied: Record<string, string>,
  limit: number | undefined,
): IWriteQuery {
  return {
    model: query.model,
    view: query.view,
    fields: query.fields,
    pivots: query.pivots,
    fill_fields: query.fill_fields,
    filters: { ...(query.filters ?? {}), ...applied },
    filter_expression: query.filter_expression,
    sorts: query.sorts,
    limit: limit === undefined ? query.limit : String(limit),
    column_limit: query.column_limit,
    total: query.total,
    row_total: query.row_total,
    subtotals: query.subtotals,
    dynamic_fields: query.dynamic_fields,
    query_timezone: query.query_timezone,
    vis_config: query.vis_config,
  };
}
