import type {
  IDashboard,
  IDashboardBase,
  IDashboardElement,
  IDashboardFilter,
  IDashboardLayout,
  IDashboardLayoutComponent,
  IResultMakerFilterables,
} from '@looker/sdk';
import { dashboardMetadataId } from './content-metadata';
import type { ContentStore, ResolvedDashboard, ResolvedElement, ResolvedFilter } from './content-store';
import { folderBase } from './folder-base';
import { lookWithQuery } from './look-view';
import type { StoredQuery } from './query-store';
import { toLookerQuery } from './query-view';
import { flowLayout } from './tile-layout';
import { visConfig } from './vis-config';
import type { DashboardFilterDef, TileLayoutDef } from './types';
import { toExploreField } from '../engine/explore-metadata';
import { exploreFields, findExplore } from '../query/explore-catalog';
import { exploreViews, userName, type ViewContext } from './view-context';

/** A dashboard's slug (Looker gives every user-defined dashboard one). */
export function dashboardSlug(id: string): string {
  return `D${id.padStart(5, '0')}`;
}

/** A dashboard in Looker's `DashboardBase` shape (as `all_dashboards` and folders answer). */
export function dashboardBase(d: ResolvedDashboard, store: ContentStore, ctx: ViewContext): IDashboardBase {
  const folder = store.folder(d.def.folderId);
  const lookml = d.def.lookmlModel;
  // LookML dashboards are edited in LookML, never through the API.
  // Looker's content access is the folder's: edit access there (admins everywhere), not ownership.
  const canEdit = !lookml && ctx.policy.canEditFolder(d.def.folderId);
  return {
    can: {
      index: true,
      show: true,
      create: canEdit,
      update: canEdit,
      destroy: canEdit,
      download: true,
      see_lookml: false,
      move: canEdit,
      copy: true,
      schedule: true,
    },
    content_favorite_id: lookml ? null : store.favoriteId(ctx.policy.user.id, dashboardMetadataId(d.def.id)),
    content_metadata_id: lookml ? null : dashboardMetadataId(d.def.id),
    description: d.def.description,
    hidden: false,
    id: d.def.id,
    query_timezone: null,
    readonly: lookml !== undefined,
    ...(lookml ? { model: { id: lookml, label: lookml } } : {}),
    refresh_interval: null,
    refresh_interval_to_i: null,
    ...(folder ? { folder: folderBase(folder, store, ctx) } : {}),
    title: d.def.title,
    user_id: d.def.userId,
    slug: lookml ? null : dashboardSlug(d.def.id),
    preferred_viewer: 'dashboards-next',
  };
}

/** A dashboard in Looker's `Dashboard` shape, with its elements, filters and layout. */
export function dashboard(d: ResolvedDashboard, store: ContentStore, ctx: ViewContext): IDashboard {
  return {
    ...dashboardBase(d, store, ctx),
    alert_sync_with_dashboard_filter_enabled: false,
    background_color: null,
    created_at: d.createdAt,
    crossfilter_enabled: false,
    dashboard_elements: d.elements.map((e) => dashboardElement(e, d, store, ctx)),
    dashboard_filters: d.filters.map((f) => dashboardFilter(f, ctx)),
    dashboard_layouts: [dashboardLayout(d)],
    deleted: d.deleted,
    deleted_at: d.deletedAt,
    deleter_id: d.deleterId,
    edit_uri: null,
    enable_viz_full_screen: true,
    favorite_count: d.favoriteCount,
    filters_bar_collapsed: false,
    filters_location_top: true,
    last_accessed_at: d.lastViewedAt,
    last_viewed_at: d.lastViewedAt,
    updated_at: d.updatedAt,
    last_updater_id: d.def.userId,
    last_updater_name: userName(d.def.userId),
    user_name: userName(d.def.userId),
    load_configuration: 'wait',
    lookml_link_id: null,
    show_filters_bar: true,
    show_title: true,
    folder_id: d.def.folderId,
    text_tile_text_color: null,
    tile_background_color: null,
    tile_text_color: null,
    title_color: null,
    view_count: d.viewCount,
    usage_count: d.viewCount,
    is_owner_disabled: false,
    url: `/dashboards/${d.def.id}`,
    preserve_desktop_layout: false,
  };
}

/** Whether the caller may run a stored query (its model is in their model set). */
function canRunQuery(q: StoredQuery, ctx: ViewContext): boolean {
  return ctx.policy.canUseModel(q.request.model);
}

/**
 * The dashboard filters a tile hears: those written through the API for it, else every filter of
 * the same model whose field's view is in the tile query's explore.
 */
function filterables(e: ResolvedElement, q: StoredQuery, d: ResolvedDashboard): IResultMakerFilterables[] {
  const views = exploreViews(q.request.model, q.request.view);
  const listen =
    e.listen?.map((l) => ({ dashboard_filter_name: l.dashboardFilterName, field: l.field })) ??
    d.filters
      .filter((f) => f.def.model === q.request.model && views.includes(f.def.dimension.split('.')[0] ?? ''))
      .map((f) => ({ dashboard_filter_name: f.def.name, field: f.def.dimension }));
  return [{ model: q.request.model, view: q.request.view, name: null, listen }];
}

/**
 * A tile in Looker's `DashboardElement` shape. Query tiles carry `query_id`/`query`; look tiles
 * carry `look_id`/`look` (with its query) and, as in Looker, no `query_id` of their own: the
 * look's query is also in `result_maker`.
 */
export function dashboardElement(
  e: ResolvedElement,
  d: ResolvedDashboard,
  store: ContentStore,
  ctx: ViewContext,
): IDashboardElement {
  const tileQuery = e.query ?? e.look?.query ?? null;
  // LookML dashboard tiles: no `query`/`query_id` of their own, the query only inside `result_maker`
  // and without an id (it is generated from the LookML, not saved).
  const lookml = d.def.lookmlModel !== undefined;
  const inlineQuery = tileQuery
    ? { ...toLookerQuery(tileQuery, ctx.webUrl, canRunQuery(tileQuery, ctx)), id: undefined }
    : undefined;
  const canRun = tileQuery ? canRunQuery(tileQuery, ctx) : true;
  const canEditTile = !lookml && ctx.policy.canEditFolder(d.def.folderId);
  const lookedUp = e.look ? lookWithQuery(e.look, store, ctx) : null;
  const title = e.tile.kind === 'look' ? (e.tile.title ?? e.look?.def.title ?? null) : e.tile.title;
  const vis = tileVis(e);
  return {
    can: {
      index: true,
      show: true,
      create: canEditTile,
      update: canEditTile,
      destroy: canEditTile,
      explore: canRun,
      see_lookml: false,
    },
    body_text: e.tile.kind === 'text' ? e.tile.body : null,
    body_text_as_html: e.tile.kind === 'text' ? `<p>${e.tile.body}</p>` : null,
    dashboard_id: d.def.id,
    edit_uri: null,
    id: e.id,
    ...(lookedUp ? { look: lookedUp } : {}),
    look_id: e.look?.def.id ?? null,
    lookml_link_id: null,
    merge_result_id: null,
    note_display: e.tile.note ? 'above' : null,
    note_state: e.tile.note ? 'expanded' : null,
    note_text: e.tile.note ?? null,
    note_text_as_html: e.tile.note ? `<p>${e.tile.note}</p>` : null,
    ...(e.query && !lookml ? { query: toLookerQuery(e.query, ctx.webUrl, canRun) } : {}),
    query_id: lookml ? null : (e.query?.id ?? null),
    refresh_interval: null,
    refresh_interval_to_i: null,
    ...(tileQuery
      ? {
          result_maker: {
            id: e.id,
            dynamic_fields: tileQuery.request.dynamic_fields,
            filterables: filterables(e, tileQuery, d),
            sorts: [...tileQuery.request.sorts],
            merge_result_id: null,
            total: tileQuery.request.total,
            query_id: lookml ? null : tileQuery.id,
            sql_query_id: null,
            query: lookml ? inlineQuery : toLookerQuery(tileQuery, ctx.webUrl, canRun),
            // Written through the API: the tile's own, else the one its query was created with.
            vis_config: e.visConfig ?? tileQuery.visConfig ?? (vis === null ? null : visConfig(vis)),
          },
        }
      : {}),
    result_maker_id: tileQuery ? e.id : null,
    subtitle_text: e.tile.subtitle ?? null,
    title,
    title_hidden: false,
    title_text: e.tile.kind === 'text' ? e.tile.title : null,
    type: e.tile.kind === 'text' ? 'text' : 'vis',
    alert_count: 0,
    title_text_as_html: e.tile.kind === 'text' ? e.tile.title : null,
    subtitle_text_as_html: e.tile.subtitle ?? null,
  };
}

/** A dashboard filter in Looker's `DashboardFilter` shape. */
export function dashboardFilter(f: ResolvedFilter, ctx: ViewContext): IDashboardFilter {
  return {
    can: { show: true, update: ctx.policy.isAdmin, destroy: ctx.policy.isAdmin },
    id: f.id,
    dashboard_id: f.dashboardId,
    name: f.def.name,
    title: f.def.title,
    type: 'field_filter',
    default_value: f.def.defaultValue,
    model: f.def.model,
    explore: f.def.explore,
    dimension: f.def.dimension,
    row: f.row,
    field: filterField(f.def),
    listens_to_filters: [...(f.def.listensTo ?? [])],
    allow_multiple_values: f.def.allowMultipleValues ?? false,
    required: f.def.required ?? false,
    ui_config: uiConfig(f.def),
  };
}

/** The filter's control as Looker's `ui_config`; an `advanced` control in a popover when the filter sets none. */
function uiConfig(def: DashboardFilterDef): Record<string, unknown> {
  const ui = def.ui ?? { type: 'advanced', display: 'popover' };
  const options = ui.options ?? [];
  return { type: ui.type, display: ui.display, options: Array.isArray(options) ? [...options] : { ...options } };
}

/** The LookML field a filter is on, as the explore describes it (Looker's read-only `field`); null when there is none. */
function filterField(def: DashboardFilterDef): IDashboardFilter['field'] {
  const found = findExplore(def.model, def.explore);
  const field = found ? exploreFields(found.explore).get(def.dimension) : undefined;
  return found && field ? { ...toExploreField(field, found.model) } : null;
}

/** A tile's visualization type: its own, else its query's; `text` for text tiles. */
export function tileVis(e: ResolvedElement): string | null {
  if (e.tile.kind === 'text') return 'text';
  return e.tile.vis ?? (e.query ?? e.look?.query)?.vis ?? null;
}

/**
 * The dashboard's one "newspaper" layout (24 columns), its tiles flowed left to right by size
 * (`tile-layout.ts`). Looker's layout answers leave `width` and `column_width` null for
 * newspaper layouts (a guess; see the emulator README, item 10).
 */
export function dashboardLayout(d: ResolvedDashboard): IDashboardLayout {
  return {
    id: d.def.id,
    dashboard_id: d.def.id,
    type: 'newspaper',
    active: true,
    column_width: null,
    width: null,
    deleted: false,
    dashboard_title: d.def.title,
    dashboard_layout_components: d.elements.map((e) => layoutComponent(e, d)),
  };
}

/** Where each tile sits: its own placement when one was written, else flowed with the others (`tile-layout.ts`). */
export function placements(d: ResolvedDashboard): TileLayoutDef[] {
  const flowed = flowLayout(d.elements.map((e) => ({ kind: e.tile.kind, vis: tileVis(e) })));
  return d.elements.map((e, i) => e.layout ?? flowed[i] ?? { row: 0, column: 0, width: 12, height: 6 });
}

/**
 * A tile's component of the dashboard's layout (Looker's `DashboardLayoutComponent`); its id is
 * the element's (a guess: Looker numbers components separately, see the emulator README).
 */
export function layoutComponent(e: ResolvedElement, d: ResolvedDashboard): IDashboardLayoutComponent {
  const index = d.elements.indexOf(e);
  const place = placements(d)[index] ?? { row: 0, column: 0, width: 12, height: 6 };
  return {
    id: e.id,
    dashboard_layout_id: d.def.id,
    dashboard_element_id: e.id,
    ...place,
    deleted: false,
    element_title: e.tile.kind === 'look' ? (e.tile.title ?? e.look?.def.title ?? null) : e.tile.title,
    element_title_hidden: false,
    vis_type: tileVis(e),
  };
}
