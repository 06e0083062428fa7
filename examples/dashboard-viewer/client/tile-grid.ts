import type { Tile } from './dashboard-query';

/**
 * Places tile cards on the dashboard's grid as Looker's newspaper layout does: `columns` wide
 * (24), each tile at its `row`/`column`, `width` columns wide and `height` grid rows tall. Tiles
 * the layout does not place flow after the placed ones at half the width. Positions go through
 * the CSS object model (`element.style`), which the page's CSP allows (inline style attributes
 * would not be).
 */
export function placeTiles(
  grid: HTMLElement,
  columns: number,
  tiles: readonly { readonly tile: Tile; readonly card: HTMLElement }[],
): void {
  grid.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
  const placedRows = tiles.reduce(
    (end, { tile }) => (tile.layout ? Math.max(end, tile.layout.row + tile.layout.height) : end),
    0,
  );
  let flowRow = placedRows;
  let flowColumn = 0;
  const flowWidth = Math.max(1, Math.floor(columns / 2));
  for (const { tile, card } of tiles) {
    const { row, height, ...span } = tile.layout ?? { row: flowRow, column: flowColumn, width: flowWidth, height: 6 };
    if (!tile.layout) {
      flowColumn += flowWidth;
      if (flowColumn + flowWidth > columns) {
        flowColumn = 0;
        flowRow += height;
      }
    }
    const width = Math.min(Math.max(1, span.width), columns);
    const column = Math.min(Math.max(0, span.column), columns - width);
    card.style.gridColumn = `${column + 1} / span ${width}`;
    card.style.gridRow = `${Math.max(0, row) + 1} / span ${Math.max(1, height)}`;
    grid.append(card);
  }
}
