import { rowLimit } from '../src/input/arguments';
import {
  appliedTileFilters,
  embeddedTileQuery,
  tileGraphId,
  tilePlacement,
  tileQueryId,
  tileVisConfig,
  tileWithFilters,
} from '../src/input/dashboard-tile';
import { tileResult } from '../src/dashboards/tile-result';
import type { DashboardTileResolvers } from '../src/generated/resolvers-types';
import { tileExportUrl } from '../src/exports/export-mint';

/**
 * A dashboard tile. Without dashboard filter values to apply, its saved query runs by id (tiles
 * sharing a query share one run); with them, or when it has no saved query (a LookML dashboard's
 * tile), the query runs inline with the filters laid over it (tiles sharing that filtered query
 * still share one run). Fields whose value depends on filter values take them as their own
 * `filters` argument, so a client cache keyed by field arguments keeps each filter's data apart.
 */
export const DashboardTile: DashboardTileResolvers = {
  id: (tile) => tileGraphId(tile),
  elementId: (tile) => String(tile.id),
  title: (tile) => tile.title ?? tile.title_text ?? null,
  type: (tile) => tile.type ?? 'vis',
  look: (tile, _args, ctx) => tile.look ?? (tile.look_id ? ctx.loaders.look.load(tile.look_id) : null),
  query: (tile, _args, ctx) => {
    const queryId = tileQueryId(tile);
    return embeddedTileQuery(tile) ?? (queryId ? ctx.loaders.query.load(queryId) : null);
  },
  appliedFilters: (tile, { filters }) =>
    Object.entries(appliedTileFilters(tileWithFilters(tile, filters))).map(([field, expression]) => ({
      field,
      expression,
    })),
  layout: async (tile) => {
    const placed = tilePlacement(await tile.dashboardLayout?.(), tile.id);
    if (!placed || placed.row == null || placed.column == null || placed.width == null || placed.height == null)
      return null;
    return { row: placed.row, column: placed.column, width: placed.width, height: placed.height };
  },
  visType: async (tile) => {
    const type = tileVisConfig(tile)?.type;
    if (typeof type === 'string') return type;
    if (tile.type === 'text') return 'text';
    // Looker copies the type into the layout component (`vis_type`) too, e.g. for look tiles without a result maker.
    return tilePlacement(await tile.dashboardLayout?.(), tile.id)?.vis_type ?? null;
  },
  visConfig: (tile) => {
    const config = tileVisConfig(tile);
    if (!config) return null;
    const { type: _type, ...rest } = config;
    return rest;
  },
  subtitle: (tile) => tile.subtitle_text ?? null,
  bodyText: (tile) => (tile.type === 'text' ? (tile.body_text ?? null) : null),
  note: (tile) => tile.note_text ?? null,
  // A link to download the data later, with the filter values in force: minting it calls no Looker API.
  exportUrl: (tile, { format, filters }, ctx) => tileExportUrl(tile, format, filters, ctx),
  result: (tile, { filters, limit, refresh }, ctx) =>
    tileResult(tileWithFilters(tile, filters), rowLimit('limit', limit), refresh === true, ctx),
};
