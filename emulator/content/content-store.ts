import { ANALYSIS_DASHBOARDS } from './dashboards-analysis';
import { DEPARTMENT_DASHBOARDS } from './dashboards-departments';
import { LOOKML_DASHBOARDS } from './dashboards-lookml';
import { COMPANY_AND_SALES_DASHBOARDS } from './dashboards-sales';
import { USERS, type UserDef } from '../access/users';
import { FOLDERS, personalFolders, type FolderDef } from './folders';
import { MARKETING_AND_FINANCE_LOOKS } from './looks-departments';
import { COMPANY_AND_SALES_LOOKS } from './looks-company';
import type { QueryStore, StoredQuery } from './query-store';
import type { DashboardDef, DashboardFilterDef, LookDef, TileDef } from './types';

/** Bookkeeping Looker keeps on content: timestamps and usage counters. */
export interface ContentActivity {
  createdAt: Date;
  updatedAt: Date;
  lastViewedAt: Date;
  viewCount: number;
  favoriteCount: number;
}

/** A look with its saved query resolved. */
export interface ResolvedLook extends ContentActivity {
  def: LookDef;
  query: StoredQuery;
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
}

/** A dashboard filter with its ids. */
export interface ResolvedFilter {
  id: string;
  dashboardId: string;
  row: number;
  def: DashboardFilterDef;
}

/** A dashboard with its tiles and filters resolved. */
export interface ResolvedDashboard extends ContentActivity {
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

/**
 * The demo content (folders, looks, dashboards), resolved once: every saved query goes through
 * the query store, so identical tile queries share one query id as they do in Looker.
 */
export class ContentStore {
  readonly folders: readonly FolderDef[];
  readonly looks: readonly ResolvedLook[];
  readonly dashboards: readonly ResolvedDashboard[];
  /** Folder id → parent id, for access checks that walk up the tree. */
  readonly folderParents: ReadonlyMap<string, string | null>;
  /** Personal folder id → its owner's user id. */
  readonly personalOwners: ReadonlyMap<string, string>;

  constructor(queries: QueryStore, users: readonly UserDef[] = USERS) {
    this.folders = [...FOLDERS, ...personalFolders(users)];
    this.folderParents = new Map(this.folders.map((f) => [f.id, f.parentId]));
    this.personalOwners = new Map(this.folders.flatMap((f) => (f.personalOf ? [[f.id, f.personalOf] as const] : [])));
    this.looks = [...COMPANY_AND_SALES_LOOKS, ...MARKETING_AND_FINANCE_LOOKS].map((def) => ({
      def,
      query: queries.create(def.query, def.query.vis ?? null),
      ...activity('look', def.id),
    }));
    let elementId = 0;
    let filterId = 0;
    // LookML dashboards come last, so the element ids of user-defined dashboards stay as they were.
    this.dashboards = [
      ...COMPANY_AND_SALES_DASHBOARDS,
      ...DEPARTMENT_DASHBOARDS,
      ...ANALYSIS_DASHBOARDS,
      ...LOOKML_DASHBOARDS,
    ].map((def, index) => ({
      def,
      ...activity('dashboard', def.id, 100 + index),
      elements: def.tiles.map((tile) => ({
        id: String(++elementId),
        dashboardId: def.id,
        tile,
        query: tile.kind === 'query' ? queries.create(tile.query, tile.query.vis ?? null) : null,
        look: tile.kind === 'look' ? this.requireLook(tile.lookId) : null,
      })),
      filters: def.filters.map((f, row) => ({ id: String(++filterId), dashboardId: def.id, row, def: f })),
    }));
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
