import type { IQuery } from '@looker/sdk';
import type { Context } from '../context/context';
import {
  appliedTileFilters,
  dashboardFilterValues,
  embeddedTileQuery,
  filteredTileQuery,
  tileQueryId,
} from '../input/dashboard-tile';
import { LookerError } from '../looker/errors';
import { elementsOf, filtersOf } from '../dashboards/dashboard-elements';
import { neutralizeCsvFormulas } from './csv-formulas';
import { exportFormats, type ExportFormat } from '../export-links/export-format';
import type { ExportLink } from '../export-links/export-links';
import { neutralizeXlsxFormulas } from './xlsx-formulas';

/** What an export may read: rows (`MAX_RESULT_ROWS`) and bytes of Looker's answer (`EXPORT_MAX_BYTES`). */
export interface ExportBounds {
  readonly maxRows: number;
  readonly maxBytes: number;
}

/** An export ready to send: Looker's body (made safe to open in a spreadsheet), and the title its file is named after. */
export interface ExportFile {
  readonly body: Buffer;
  readonly title: string;
  /** The resource exported, for the audit trail: `look:12`, `dashboard:3/tile:7`. */
  readonly resource: string;
}

function notFound(what: string): LookerError {
  return new LookerError('NOT_FOUND', `${what} does not exist or this Looker user may not see it`, 'export');
}

/**
 * The rows to ask Looker for: the query's own limit when it is within the bound, Looker's default
 * (500) when it has none, else the bound. An export never reads more than `maxRows` (no extra row
 * to learn whether more exist: the file holds what Looker answered).
 */
export function exportRowLimit(own: string | null | undefined, maxRows: number): number {
  const limit = own === null || own === undefined || own.trim() === '' ? 500 : Number(own);
  return Number.isInteger(limit) && limit >= 1 && limit <= maxRows ? limit : maxRows;
}

/** A saved query's own limit: from the tile's embedded query when Looker sent it, else read (one `query` call). */
async function ownLimitOf(
  queryId: string,
  embedded: IQuery | undefined,
  ctx: Context,
): Promise<string | null | undefined> {
  if (embedded) return embedded.limit;
  return (await ctx.loaders.query.load(queryId))?.limit;
}

/**
 * Looker's body made safe to open in a spreadsheet: no CSV cell starts like a formula, no XLSX cell
 * is one. JSON is data for programs, and stays as Looker sent it.
 */
async function spreadsheetSafe(format: ExportFormat, body: Buffer): Promise<Buffer> {
  if (format === 'XLSX') return neutralizeXlsxFormulas(body);
  if (format === 'JSON') return body;
  const text = body.toString('utf8');
  const safe = neutralizeCsvFormulas(text);
  return safe === text ? body : Buffer.from(safe, 'utf8');
}

/** What one export runs: a saved query by id, or a query inline. */
type ExportRun = Parameters<Context['looker']['runForExport']>[0];

/**
 * The run under the caller's row filters: a query inline gets the forced filters; a saved query
 * whose explore is under a row filter runs inline with them, never by its id.
 */
async function rowScoped(run: ExportRun, limit: number, ctx: Context): Promise<ExportRun> {
  if ('query' in run) return { query: await ctx.loaders.rows.restrict(run.query) };
  if (!ctx.loaders.rows.active) return run;
  const definition = await ctx.loaders.query.load(run.queryId);
  if (!definition) throw notFound(`Query ${run.queryId}`);
  const restricted = await ctx.loaders.rows.restrictSaved(definition, limit);
  return restricted ? { query: restricted } : run;
}

/** One run in the link's format, within the bounds, as the file to send. */
async function exportBody(
  unscoped: ExportRun,
  link: ExportLink,
  limit: number,
  bounds: ExportBounds,
  ctx: Context,
): Promise<Buffer> {
  const run = await rowScoped(unscoped, limit, ctx);
  return spreadsheetSafe(
    link.format,
    await ctx.looker.runForExport(run, exportFormats[link.format].looker, limit, bounds.maxBytes),
  );
}

/** A look's export: the look read anew (`search_looks`), its query's limit (`query`), then one run in the format. */
async function lookExport(lookId: string, link: ExportLink, bounds: ExportBounds, ctx: Context): Promise<ExportFile> {
  const look = await ctx.loaders.look.load(lookId);
  if (!look?.query_id) throw notFound(`Look ${lookId}`);
  const limit = exportRowLimit(await ownLimitOf(look.query_id, undefined, ctx), bounds.maxRows);
  const body = await exportBody({ queryId: look.query_id }, link, limit, bounds, ctx);
  return { body, title: look.title ?? `look-${lookId}`, resource: `look:${lookId}` };
}

/**
 * A tile's export, rebuilt as `Dashboard.tiles` builds the tile:
 * - the dashboard and its tiles are read anew;
 * - the link's filter values apply to the filters the tile listens to;
 * - then one run: the saved query by id when no filter applies, else the filtered query inline.
 */
async function tileExport(
  target: Extract<ExportLink['target'], { kind: 'tile' }>,
  link: ExportLink,
  bounds: ExportBounds,
  ctx: Context,
): Promise<ExportFile> {
  const dashboard = await ctx.loaders.dashboard.load(target.dashboardId);
  if (!dashboard) throw notFound(`Dashboard ${target.dashboardId}`);
  const dashboardFilters = await filtersOf(dashboard, ctx);
  const elements = await elementsOf(dashboard, dashboardFilters.length > 0, ctx);
  const element = elements.find((e) => String(e.id) === target.tileId);
  if (!element) throw notFound(`Tile ${target.tileId} of dashboard ${target.dashboardId}`);
  // Filters the dashboard no longer has are dropped, as Looker drops them from a shared URL.
  const known = new Set(dashboardFilters.map((f) => f.name));
  const choices = Object.entries(target.filters)
    .filter(([name]) => known.has(name))
    .map(([name, value]) => ({ name, value }));
  const tile = {
    ...element,
    dashboardFilterValues: dashboardFilterValues({ ...dashboard, dashboard_filters: dashboardFilters }, choices),
  };
  const applied = appliedTileFilters(tile);
  const queryId = tileQueryId(tile);
  const embedded = embeddedTileQuery(tile);
  const title = tile.title ?? tile.title_text ?? `${dashboard.title ?? 'dashboard'} tile ${target.tileId}`;
  const resource = `dashboard:${target.dashboardId}/tile:${target.tileId}`;
  if (queryId && Object.keys(applied).length === 0) {
    const limit = exportRowLimit(await ownLimitOf(queryId, embedded, ctx), bounds.maxRows);
    return { body: await exportBody({ queryId }, link, limit, bounds, ctx), title, resource };
  }
  const query = embedded ?? (queryId ? await ctx.loaders.query.load(queryId) : null);
  if (!query) throw notFound(`A query of tile ${target.tileId}`);
  const limit = exportRowLimit(query.limit, bounds.maxRows);
  return {
    body: await exportBody({ query: filteredTileQuery(query, applied, limit) }, link, limit, bounds, ctx),
    title,
    resource,
  };
}

/** Runs what an opened link names, as the context's Looker session, within the bounds. */
export function runExport(link: ExportLink, bounds: ExportBounds, ctx: Context): Promise<ExportFile> {
  return link.target.kind === 'look'
    ? lookExport(link.target.lookId, link, bounds, ctx)
    : tileExport(link.target, link, bounds, ctx);
}
