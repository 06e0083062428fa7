import type {
  IDashboard,
  IDashboardElement,
  IDashboardLayout,
  IDashboardLayoutComponent,
  IQuery,
  IWriteQuery,
} from '@looker/sdk';
import { badUserInput } from './arguments';

/**
 * A dashboard tile as the subgraph serves it: Looker's element plus the dashboard filter values in
 * force (the filters' defaults, or what the caller chose), so the tile's data is what the dashboard
 * shows, not its bare saved query.
 */
export interface DashboardTileModel extends IDashboardElement {
  /** Dashboard filter name → Looker filter expression; empty expressions filter nothing. */
  readonly dashboardFilterValues: Readonly<Record<string, string>>;
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
      throw badUserInput('filters', `Dashboard ${dashboardId} has no filter named "${choice.name}".`);
    chosen[choice.name] = choice.value;
  }
  return chosen;
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
  const applied: Record<string, string> = {};
  for (const filterable of tile.result_maker?.filterables ?? []) {
    for (const listen of filterable.listen ?? []) {
      const value = listen.dashboard_filter_name ? tile.dashboardFilterValues[listen.dashboard_filter_name] : undefined;
      if (listen.field && value) applied[listen.field] = value;
    }
  }
  return applied;
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
