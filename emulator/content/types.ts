import type { QueryRequest } from '../engine/types';

/**
 * Shapes of the demo content as it is written down (data, not Looker objects). The content store
 * turns them into Looker's `LookWithQuery`, `Dashboard`, `DashboardElement` and `DashboardFilter`.
 */

/** A saved query of the demo content: what the engine runs, plus the visualization type. */
export interface SavedQueryDef extends QueryRequest {
  /** Looker visualization type (`looker_column`, `single_value`, `table`, …). */
  vis?: string;
}

/** A look. Dates are ISO strings; counts are fixed so searches sort deterministically. */
export interface LookDef {
  id: string;
  title: string;
  description: string;
  folderId: string;
  userId: string;
  query: SavedQueryDef;
}

/** Where a tile sits on Looker's "newspaper" grid (24 columns wide; rows and heights in grid rows); see `tile-layout.ts`. */
export interface TileLayoutDef {
  row: number;
  column: number;
  width: number;
  height: number;
}

/** What every kind of tile may carry besides its content, as Looker's dashboard editor sets it. */
interface TileExtras {
  /** Looker's `subtitle_text`. */
  subtitle?: string;
  /** Looker's `note_text` (shown above the tile, or on hover). */
  note?: string;
  /**
   * The tile's own visualization type when it differs from its query's (two tiles sharing a
   * query, one drawn as a chart, the other as a table): Looker keeps it in the tile's `vis_config`.
   */
  vis?: string;
}

/** A dashboard tile: a saved look, an ad-hoc query, or text (Markdown, as Looker stores `body_text`). */
export type TileDef =
  | ({ kind: 'look'; lookId: string; title?: string } & TileExtras)
  | ({ kind: 'query'; title: string; query: SavedQueryDef } & TileExtras)
  | ({ kind: 'text'; title: string; body: string } & TileExtras);

/**
 * How a dashboard filter's control looks (Looker's `ui_config`): the control `type` (looker-open-source/components
 * `filterTokenAdapterMap`: `button_group`, `checkboxes`, `dropdown_menu`, `tag_list`, `range_slider`,
 * `relative_timeframes`, `day_range_picker`, `advanced`, …), where it is shown (`display`: `inline`,
 * `popover`, `overflow`) and its `options`: the values offered (string controls) or `{ min, max }` (sliders).
 */
export interface FilterUiConfigDef {
  type: string;
  display: 'inline' | 'popover' | 'overflow';
  options?: readonly string[] | { readonly min?: number; readonly max?: number };
}

/** A dashboard filter on one dimension of an explore (`type: 'field_filter'`). */
export interface DashboardFilterDef {
  name: string;
  title: string;
  model: string;
  explore: string;
  dimension: string;
  defaultValue: string;
  /** Names of the dashboard's other filters whose values narrow this one's suggestions (Looker's `listens_to_filters`). */
  listensTo?: readonly string[];
  /** The filter's control; without one, Looker's `advanced` control in a popover. */
  ui?: FilterUiConfigDef;
  /** Looker's `allow_multiple_values` (false unless set). */
  allowMultipleValues?: boolean;
  /** Looker's `required`: the dashboard runs only with a value (false unless set). */
  required?: boolean;
}

/** A user-defined dashboard, or a LookML dashboard (`lookmlModel` set, id `model::name`). */
export interface DashboardDef {
  id: string;
  title: string;
  description: string;
  folderId: string;
  userId: string;
  tiles: readonly TileDef[];
  filters: readonly DashboardFilterDef[];
  /**
   * LookML dashboards only: the model that defines it. Such a dashboard is read-only, lives in
   * Looker's "LookML Dashboards" folder, is visible to whoever may use the model, and is absent
   * from `search_dashboards`.
   */
  lookmlModel?: string;
}
