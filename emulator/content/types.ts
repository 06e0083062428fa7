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

/** A dashboard tile: a saved look, an ad-hoc query, or text. */
export type TileDef =
  | { kind: 'look'; lookId: string; title?: string }
  | { kind: 'query'; title: string; query: SavedQueryDef }
  | { kind: 'text'; title: string; body: string };

/** A dashboard filter on one dimension of an explore (`type: 'field_filter'`). */
export interface DashboardFilterDef {
  name: string;
  title: string;
  model: string;
  explore: string;
  dimension: string;
  defaultValue: string;
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
