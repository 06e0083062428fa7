import { rowLimit } from '../src/graphql/input/arguments';
import {
  appliedTileFilters,
  embeddedTileQuery,
  filteredTileQuery,
  tilePlacement,
  tileQueryId,
  tileVisConfig,
} from '../src/graphql/input/dashboard-tile';
import type { DashboardTileResolvers } from '../src/generated/resolvers-types';
import { notRunnableAsForbidden } from '../src/looker/errors';
import { tileExportUrl } from '../src/exports/export-mint';

/**
 * A dashboard tile. Without dashboard filter values to apply, its saved query runs by id (tiles
 * sharing a query share one run); with them, or when it has no saved query (a LookML dashboard's
 * tile), the query runs inline with the filters laid over it (tiles sharing that filtered query
 * still share one run).
 */
export const DashboardTile: DashboardTileResolvers = {
  id: (tile) => String(tile.id),
  title: (tile) => tile.title ?? tile.title_text ?? null,
  type: (tile) => tile.type ?? 'vis',
  look: (tile, _args, ctx) => tile.look ?? (tile.look_id ? ctx.loaders.look.load(tile.look_id) : null),
  query: (tile, _args, ctx) => {
    const queryId = tileQueryId(tile);
    return embeddedTileQuery(tile) ?? (queryId ? ctx.loaders.query.load(queryId) : null);
  },
  appliedFilters: (tile) =>
    Object.entries(appliedTileFilters(tile)).map(([field, expression]) => ({ field, expression })),
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
  result: async (tile, { limit, refresh }, ctx) => {
    const rows = rowLimit('limit', limit);
    const queryId = tileQueryId(tile);
    const applied = appliedTileFilters(tile);
    if (queryId && Object.keys(applied).length === 0) {
      // The embedded query's own limit spares looking the saved query up to bound the run.
      const savedLimit = embeddedTileQuery(tile)?.limit;
      return ctx.loaders.savedResult.load({
        queryId,
        limit: rows,
        refresh: refresh === true,
        ...(savedLimit !== undefined ? { savedLimit } : {}),
      });
    }
    // Filtered tiles, and tiles with no saved query (LookML dashboards embed theirs), run inline.
    const query = embeddedTileQuery(tile) ?? (queryId ? await ctx.loaders.query.load(queryId) : null);
    if (!query) return null;
    return ctx.loaders.inlineResult
      .load({ query: filteredTileQuery(query, applied, rows), refresh: refresh === true })
      .catch(notRunnableAsForbidden('run_inline_query'));
  },
};
