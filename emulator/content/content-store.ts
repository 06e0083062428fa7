import { ANALYSIS_DASHBOARDS } from './dashboards-analysis';
import { DEPARTMENT_DASHBOARDS } from './dashboards-departments';
import { LOOKML_DASHBOARDS } from './dashboards-lookml';
import { COMPANY_AND_SALES_DASHBOARDS } from './dashboards-sales';
import { USERS, type UserDef } from '../access/users';
import { FOLDERS, personalFolders, type FolderDef } from './folders';
import { MARKETING_AND_FINANCE_LOOKS } from './looks-departments';
import { COMPANY_AND_SALES_LOOKS } from './looks-company';
import type { FavoriteDef } from './content-metadata';
import type { QueryStore, StoredQuery } from './query-store';
import type { DashboardDef, DashboardFilterDef, LookDef, TileDef, TileLayoutDef } from './types';

/** Bookkeeping Looker keeps on content: timestamps and usage counters. */
export interface ContentActivity {
  createdAt: Date;
  updatedAt: Date;
  lastViewedAt: Date;
  viewCount: number;
  favoriteCount: number;
}

/** Looker's soft delete (`deleted: true` through `update_look`/`update_dashboard`): the content stays, marked. */
export interface SoftDelete {
  deleted: boolean;
  deletedAt: Date | null;
  deleterId: string | null;
}

/** A look with its saved query resolved. */
export interface ResolvedLook extends ContentActivity, SoftDelete {
  def: LookDef;
  query: StoredQuery;
}

/** A dashboard filter a tile listens to (Looker's `result_maker.filterables[].listen[]`). */
export interface ListenDef {
  dashboardFilterName: string;
  field: string;
}

/** A dashboard tile with its ids and its query or look resolved. */
export interface ResolvedElement {
  id: string;
  dashboardId: string;
  tile: TileDef;
  /** The tile's own query (query tiles only). */
  query: StoredQuery | null;
  /** The look a look tile shows. */
  look: ResolvedLook | null;
  /** Where the tile's layout component places it; null: flowed with the others (`tile-layout.ts`). */
  layout: TileLayoutDef | null;
  /** The filters the tile listens to as written through the API; null: every filter on its explore's views. */
  listen: ListenDef[] | null;
  /** The tile's `vis_config` as written through the API (it wins over the query's). */
  visConfig: Record<string, unknown> | null;
}

/** A dashboard filter with its ids. */
export interface ResolvedFilter {
  id: string;
  dashboardId: string;
  row: number;
  def: DashboardFilterDef;
}

/** A dashboard with its tiles and filters resolved. */
export interface ResolvedDashboard extends ContentActivity, SoftDelete {
  def: DashboardDef;
  elements: ResolvedElement[];
  filters: ResolvedFilter[];
}

/** Fixed timestamps and counters derived from an id, so the content is the same on every start. */
function activity(kind: 'look' | 'dashboard', id: string, fallback = 0): ContentActivity {
  // LookML dashboards have no numeric id: their position stands in for it.
  const n = Number.isInteger(Number(id)) ? Number(id) : fallback;
  const day = 86_400_000;
  const base = Date.parse(kind === 'look' ? '2023-06-01T09:00:00Z' : '2023-09-01T09:00:00Z');
  const createdAt = new Date(base + n * 3 * day + n * 997_000);
  return {
    createdAt,
    updatedAt: new Date(createdAt.getTime() + ((n * 7) % 40) * day),
    lastViewedAt: new Date(Date.parse('2024-11-01T12:00:00Z') + ((n * 13) % 28) * day),
    viewCount: ((n * 37) % 480) + 12,
    favoriteCount: (n * 7) % 13,
  };
}

const NOT_DELETED: SoftDelete = { deleted: false, deletedAt: null, deleterId: null };

/** The bookkeeping of content created now: never viewed, nobody's favorite, not deleted. */
export function newContentState(now: Date): ContentActivity & SoftDelete {
  return { createdAt: now, updatedAt: now, lastViewedAt: now, viewCount: 0, favoriteCount: 0, ...NOT_DELETED };
}

/**
 * The demo content (folders, looks, dashboards): every saved query goes through the query store,
 * so identical tile queries share one query id as they do in Looker. Looker's write endpoints
 * change it in place; `reset()` brings back the seeded content (queries stay: Looker never deletes one).
 */
export class ContentStore {
  readonly folders: readonly FolderDef[];
  looks: ResolvedLook[] = [];
  dashboards: ResolvedDashboard[] = [];
  /** Folder id → parent id, for access checks that walk up the tree. */
  readonly folderParents: ReadonlyMap<string, string | null>;
  /** Personal folder id → its owner's user id. */
  readonly personalOwners: ReadonlyMap<string, string>;
  /** Users' favorites (`create_content_favorite`), oldest first. */
  favorites: FavoriteDef[] = [];
  private lastElementId = 0;
  private lastFilterId = 0;
  private lastFavoriteId = 0;

  constructor(
    private readonly queries: QueryStore,
    users: readonly UserDef[] = USERS,
  ) {
    this.folders = [...FOLDERS, ...personalFolders(users)];
    this.folderParents = new Map(this.folders.map((f) => [f.id, f.parentId]));
    this.personalOwners = new Map(this.folders.flatMap((f) => (f.personalOf ? [[f.id, f.personalOf] as const] : [])));
    this.reset();
  }

  /** Restores the seeded content: created looks, dashboards, tiles and filters go, edits are undone. */
  reset(): void {
    const queries = this.queries;
    this.favorites = [];
    this.lastFavoriteId = 0;
    this.looks = [...COMPANY_AND_SALES_LOOKS, ...MARKETING_AND_FINANCE_LOOKS].map((def) => ({
      def,
      query: queries.create(def.query, def.query.vis ?? null),
      ...activity('look', def.id),
      ...NOT_DELETED,
    }));
    this.lastElementId = 0;
    this.lastFilterId = 0;
    // LookML dashboards come last, so the element ids of user-defined dashboards stay as they were.
    this.dashboards = [
      ...COMPANY_AND_SALES_DASHBOARDS,
      ...DEPARTMENT_DASHBOARDS,
      ...ANALYSIS_DASHBOARDS,
      ...LOOKML_DASHBOARDS,
    ].map((def, index) => ({
      def,
      ...activity('dashboard', def.id, 100 + index),
      ...NOT_DELETED,
      elements: def.tiles.map((tile) => ({
        id: this.nextElementId(),
        dashboardId: def.id,
        tile,
        query: tile.kind === 'query' ? queries.create(tile.query, tile.query.vis ?? null) : null,
        look: tile.kind === 'look' ? this.requireLook(tile.lookId) : null,
        layout: null,
        listen: null,
        visConfig: null,
      })),
      filters: def.filters.map((f, row) => ({ id: this.nextFilterId(), dashboardId: def.id, row, def: f })),
    }));
  }

  /** The next look id (Looker's ids are sequential integers). */
  nextLookId(): string {
    return String(Math.max(0, ...this.looks.map((l) => Number(l.def.id))) + 1);
  }

  /** The next user-defined dashboard id. */
  nextDashboardId(): string {
    const numeric = this.dashboards.map((d) => Number(d.def.id)).filter((n) => Number.isInteger(n));
    return String(Math.max(0, ...numeric) + 1);
  }

  /** The next dashboard element id (also its layout component's id). */
  nextElementId(): string {
    return String(++this.lastElementId);
  }

  /** The next content favorite id. */
  nextFavoriteId(): string {
    return String(++this.lastFavoriteId);
  }

  /** The id of the user's favorite of a content metadata record, or null. */
  favoriteId(userId: string, contentMetadataId: string | null | undefined): string | null {
    return this.favorites.find((f) => f.userId === userId && f.contentMetadataId === contentMetadataId)?.id ?? null;
  }

  /** The next dashboard filter id. */
  nextFilterId(): string {
    return String(++this.lastFilterId);
  }

  /** The dashboard holding an element, and the element; undefined when there is none. */
  element(id: string): { dashboard: ResolvedDashboard; element: ResolvedElement } | undefined {
    for (const dashboard of this.dashboards) {
      const element = dashboard.elements.find((e) => e.id === id);
      if (element) return { dashboard, element };
    }
    return undefined;
  }

  /** The dashboard holding a filter, and the filter; undefined when there is none. */
  filter(id: string): { dashboard: ResolvedDashboard; filter: ResolvedFilter } | undefined {
    for (const dashboard of this.dashboards) {
      const filter = dashboard.filters.find((f) => f.id === id);
      if (filter) return { dashboard, filter };
    }
    return undefined;
  }

  /** A folder by id, or undefined. */
  folder(id: string): FolderDef | undefined {
    return this.folders.find((f) => f.id === id);
  }

  /** A look by id, or undefined. */
  look(id: string): ResolvedLook | undefined {
    return this.looks.find((l) => l.def.id === id);
  }

  /** A dashboard by id, or undefined. */
  dashboard(id: string): ResolvedDashboard | undefined {
    return this.dashboards.find((d) => d.def.id === id);
  }

  /** The content data is written by hand: a tile naming a missing look is a bug caught at start. */
  private requireLook(id: string): ResolvedLook {
    const look = this.look(id);
    if (!look) throw new Error(`Demo content: dashboard tile refers to unknown look ${id}`);
    return look;
  }
}
