import type { TileDef, TileLayoutDef } from './types';

/** Columns of Looker's "newspaper" dashboard grid. */
export const NEWSPAPER_COLUMNS = 24;

/** The size a tile takes by default, by what it shows: single values small, text a full-width band. */
export function defaultSize(kind: TileDef['kind'], vis: string | null): { width: number; height: number } {
  if (kind === 'text') return { width: NEWSPAPER_COLUMNS, height: 2 };
  if (vis === 'single_value') return { width: 6, height: 4 };
  if (vis === 'table') return { width: 12, height: 8 };
  return { width: 12, height: 6 };
}

/**
 * Places tiles on the grid as a person would lay them out: left to right, a new row when the next
 * tile does not fit, each row as tall as its tallest tile. No two tiles overlap and none passes
 * the grid's right edge.
 */
export function flowLayout(tiles: readonly { kind: TileDef['kind']; vis: string | null }[]): TileLayoutDef[] {
  let row = 0;
  let column = 0;
  let rowHeight = 0;
  return tiles.map((tile) => {
    const { width, height } = defaultSize(tile.kind, tile.vis);
    if (column + width > NEWSPAPER_COLUMNS) {
      row += rowHeight;
      column = 0;
      rowHeight = 0;
    }
    const placed = { row, column, width, height };
    column += width;
    rowHeight = Math.max(rowHeight, height);
    return placed;
  });
}
