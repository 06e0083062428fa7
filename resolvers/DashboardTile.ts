import { rowLimit } from '../src/arguments';
import { appliedTileFilters, embeddedTileQuery, filteredTileQuery, tileQueryId } from '../src/dashboard-tile';
import type { DashboardTileResolvers } from '../src/generated/resolvers-types';
import { notRunnableAsForbidden } from '../src/looker/errors';

/**
 * A dashboard tile. Without dashboard filter values to apply, its saved query runs by id (tiles
 * sharing a query share one run); with them, the query runs with the filters laid over it (tiles
 * sharing that filtered query still share one run).
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
  appliedFilters: (tile) => Object.entries(appliedTileFilters(tile)).map(([field, expression]) => ({ field, expression })),
  result: async (tile, { limit, refresh }, ctx) => {
    const rows = rowLimit('limit', limit);
    const queryId = tileQueryId(tile);
    const applied = appliedTileFilters(tile);
    if (Object.keys(applied).length === 0) return queryId ? ctx.loaders.savedResult.load({ queryId, limit: rows, refresh: refresh === true }) : null;
    const query = embeddedTileQuery(tile) ?? (queryId ? await ctx.loaders.query.load(queryId) : null);
    if (!query) return null;
    return ctx.loaders.inlineResult
      .load({ query: filteredTileQuery(query, applied, rows), refresh: refresh === true })
      .catch(notRunnableAsForbidden('run_inline_query'));
  },
};
