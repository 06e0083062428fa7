import type { IDashboardElement } from '@looker/sdk';
import { rowLimit } from '../src/arguments';
import type { DashboardTileResolvers } from '../src/generated/resolvers-types';

/** The saved query behind a tile: its own, its look's, or its result maker's. */
function queryIdOf(tile: IDashboardElement): string | undefined {
  return tile.query_id ?? tile.look?.query_id ?? tile.result_maker?.query_id ?? undefined;
}

/** A dashboard tile. Tiles sharing a query share one run through the saved-result loader. */
export const DashboardTile: DashboardTileResolvers = {
  id: (tile) => String(tile.id),
  title: (tile) => tile.title ?? tile.title_text ?? null,
  type: (tile) => tile.type ?? 'vis',
  look: (tile, _args, ctx) => tile.look ?? (tile.look_id ? ctx.loaders.look.load(tile.look_id) : null),
  query: (tile, _args, ctx) => {
    const embedded = tile.query ?? tile.look?.query ?? tile.result_maker?.query;
    if (embedded) return embedded;
    const queryId = queryIdOf(tile);
    return queryId ? ctx.loaders.query.load(queryId) : null;
  },
  result: (tile, { limit }, ctx) => {
    const queryId = queryIdOf(tile);
    return queryId ? ctx.loaders.savedResult.load({ queryId, limit: rowLimit('limit', limit) }) : null;
  },
};
