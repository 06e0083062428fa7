import { drawChart } from './chart-tile';
import type { GraphQLError, Tile, TileResult } from './dashboard-query';
import { formatCell, labelOf, shapeOf } from './tile-shape';

/** `document.createElement` with a class and text. */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function table(result: TileResult, maxRows = 20): HTMLTableElement {
  const node = element('table', 'tile-table');
  const head = node.createTHead().insertRow();
  for (const field of result.fields) head.append(element('th', field.isMeasure ? 'measure' : undefined, labelOf(field)));
  const body = node.createTBody();
  for (const row of result.rows.slice(0, maxRows)) {
    const tr = body.insertRow();
    for (const field of result.fields) tr.append(element('td', field.isMeasure ? 'measure' : undefined, formatCell(row[field.name])));
  }
  return node;
}

function data(result: TileResult): HTMLElement {
  if (result.rows.length === 0) return element('p', 'tile-note', 'No rows.');
  const shape = shapeOf(result);
  if (shape.kind === 'value') {
    const box = element('div', 'tile-values');
    for (const measure of shape.measures) {
      const value = element('div', 'tile-value');
      value.append(element('strong', undefined, formatCell(result.rows[0]?.[measure.name])), element('span', undefined, labelOf(measure)));
      box.append(value);
    }
    return box;
  }
  if (shape.kind === 'table') return table(result);
  const frame = element('div', 'tile-chart');
  const canvas = element('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${shape.kind} chart`);
  frame.append(canvas);
  // Chart.js measures its container: draw once the frame is in the document.
  queueMicrotask(() => drawChart(canvas, result, shape));
  return frame;
}

/** Why a tile has no data, from the error on its `result`. */
function denial(error: GraphQLError): HTMLElement {
  if (error.extensions?.code === 'FORBIDDEN') {
    const needed = (error.extensions.requiredScopes ?? []).map((all) => all.join(' + ')).join(' or ');
    return element('p', 'tile-denied', `Not allowed: your token may see this tile but not its data${needed ? ` (needs ${needed})` : ''}.`);
  }
  return element('p', 'tile-error', `Could not load the data: ${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}`);
}

/** One tile: its title and its chart, table, value, or the reason it has none. */
export function tileView(tile: Tile, error: GraphQLError | undefined): HTMLElement {
  const card = element('article', 'tile');
  card.dataset.tileId = tile.id;
  card.append(element('h3', 'tile-title', tile.title ?? tile.look?.title ?? 'Untitled tile'));
  if (tile.type === 'text') card.append(element('p', 'tile-note', 'Text tile: no data.'));
  else if (error) card.append(denial(error));
  else if (tile.result) card.append(data(tile.result));
  else card.append(element('p', 'tile-note', 'No data.'));
  return card;
}
