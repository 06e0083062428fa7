import { chartVisTypes, drawChart } from './chart-tile';
import type { ResultField, Tile, TileResult } from './dashboard-query';
import { element } from './dom';
import { describeError, type GraphQLError } from './graphql';
import { renderMarkdown } from './markdown';
import { displayCell, displayTotal, labelOf } from './result-cells';

interface Column {
  readonly field: ResultField;
  readonly pivotKey: string | undefined;
  readonly heading: string;
}

/** A table of Looker's rendered values: pivoted measures a column per pivot, totals in the footer. */
function table(result: TileResult, maxRows = 100): HTMLTableElement {
  const node = element('table', 'tile-table');
  const pivots = result.pivots;
  const shown = result.fields.filter((field) => !field.isPivot);
  const columns = shown.flatMap((field): Column[] =>
    field.isMeasure && pivots.length > 0
      ? pivots.map((pivot) => ({ field, pivotKey: pivot.key, heading: `${labelOf(field)} · ${pivot.label}` }))
      : [{ field, pivotKey: undefined, heading: labelOf(field) }],
  );
  const head = node.createTHead().insertRow();
  for (const column of columns)
    head.append(element('th', column.field.isMeasure ? 'measure' : undefined, column.heading));
  const body = node.createTBody();
  result.rows.slice(0, maxRows).forEach((_row, rowIndex) => {
    const tr = body.insertRow();
    for (const column of columns)
      tr.append(
        element(
          'td',
          column.field.isMeasure ? 'measure' : undefined,
          displayCell(result, rowIndex, column.field, column.pivotKey),
        ),
      );
  });
  if (result.totals) {
    const foot = node.createTFoot().insertRow();
    foot.className = 'tile-totals';
    columns.forEach((column, index) => {
      const total = column.field.isMeasure ? displayTotal(result, column.field, column.pivotKey) : undefined;
      foot.append(
        element('td', column.field.isMeasure ? 'measure' : undefined, total ?? (index === 0 ? 'Totals' : '')),
      );
    });
  }
  return node;
}

/** Looker's single value: the first measure of the first row, as Looker renders it. */
function singleValue(result: TileResult): HTMLElement {
  const field = result.fields.find((candidate) => candidate.isMeasure) ?? result.fields[0];
  const box = element('div', 'tile-value');
  if (!field) return box;
  box.append(element('strong', undefined, displayCell(result, 0, field)), element('span', undefined, labelOf(field)));
  return box;
}

function chart(visType: string, result: TileResult): HTMLElement {
  const frame = element('div', 'tile-chart');
  const canvas = element('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${visType} chart`);
  canvas.dataset.visType = visType;
  frame.append(canvas);
  // Chart.js measures its container: draw once the frame is in the document.
  queueMicrotask(() => drawChart(canvas, visType, result));
  return frame;
}

/** The tile's data drawn by its visualization type; types this page does not draw become a table. */
function data(visType: string, result: TileResult): HTMLElement {
  if (result.rows.length === 0) return element('p', 'tile-empty', 'No rows.');
  if (visType === 'single_value') return singleValue(result);
  if (chartVisTypes.has(visType)) return chart(visType, result);
  const box = element('div', 'tile-table-frame');
  if (visType !== 'table' && visType !== 'looker_grid')
    box.append(element('p', 'tile-empty', `Shown as a table (this page does not draw ${visType}).`));
  box.append(table(result));
  if (result.truncated) box.append(element('p', 'tile-empty', `The first ${result.rowCount} rows.`));
  return box;
}

/** Why a tile has no data, from the error on its `result`. */
function failure(error: GraphQLError): HTMLElement {
  if (error.extensions?.code === 'FORBIDDEN') {
    const needed = (error.extensions.requiredScopes ?? []).map((all) => all.join(' + ')).join(' or ');
    return element(
      'p',
      'tile-denied',
      `Not allowed: your token may see this tile but not its data${needed ? ` (needs ${needed})` : ''}.`,
    );
  }
  return element('p', 'tile-error', `Could not load the data: ${describeError(error)}`);
}

/**
 * One tile card: title, subtitle, its data drawn by `visType` (or a text tile's Markdown), the note,
 * and the actions given (downloads).
 */
export function tileView(tile: Tile, error: GraphQLError | undefined, actions?: HTMLElement): HTMLElement {
  const card = element('article', 'tile');
  card.dataset.tileId = tile.id;
  if (tile.visType) card.dataset.visType = tile.visType;
  const header = element('header', 'tile-header');
  const titles = element('div');
  const title = tile.title ?? tile.look?.title;
  if (title) titles.append(element('h3', 'tile-title', title));
  if (tile.subtitle) titles.append(element('p', 'tile-subtitle', tile.subtitle));
  header.append(titles);
  if (actions) header.append(actions);
  card.append(header);

  const body = element('div', 'tile-body');
  if (tile.type === 'text' || tile.visType === 'text') {
    body.classList.add('tile-text');
    body.append(renderMarkdown(tile.bodyText ?? ''));
  } else if (error) body.append(failure(error));
  else if (tile.result) body.append(data(tile.visType ?? 'table', tile.result));
  else body.append(element('p', 'tile-empty', 'No data.'));
  card.append(body);
  if (tile.note) card.append(element('p', 'tile-note', tile.note));
  return card;
}
