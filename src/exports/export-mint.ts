import { badUserInput, boundedList, boundedText, maxFilterExpressionLength } from '../input/arguments';
import type { Context } from '../context/context';
import {
  embeddedTileQuery,
  tileQueryId,
  withFilterChoices,
  type DashboardFilterChoice,
  type DashboardTileModel,
} from '../input/dashboard-tile';
import type { ExportFormat } from '../export-links/export-format';
import type { ExportTarget } from '../export-links/export-links';

/** Most filter values one `exportUrl(filters:)` may set, as `tiles(filters:)`. */
const maxExportFilterValues = 50;

/**
 * An export link for the request's caller: bound to its subject and to the Looker identity it
 * reads as (known without a Looker call for the service account; in per-user mode the mapping the
 * request already found). `@auth` guarantees a principal before this runs.
 */
async function linkFor(target: ExportTarget, format: ExportFormat, ctx: Context): Promise<string> {
  if (!ctx.principal) throw new TypeError('exportUrl resolved without a caller');
  try {
    return ctx.exportLinks.issue(target, format, {
      subject: ctx.principal.subject,
      lookerIdentity: await ctx.looker.identity(),
    });
  } catch (error) {
    if (error instanceof RangeError)
      throw badUserInput('filters', 'The filter values are too long for an export link; choose shorter ones.');
    throw error;
  }
}

/** `Look.exportUrl`: no Looker call; the download reads the look. */
export function lookExportUrl(lookId: string, format: ExportFormat, ctx: Context): Promise<string> {
  return linkFor({ kind: 'look', lookId }, format, ctx);
}

/**
 * `DashboardTile.exportUrl`: the filter values the tile was read with, overridden by `filters`.
 * Names the dashboard does not have are BAD_USER_INPUT; tiles without a query (text) get null.
 */
export async function tileExportUrl(
  tile: DashboardTileModel,
  format: ExportFormat,
  filters: readonly DashboardFilterChoice[] | null | undefined,
  ctx: Context,
): Promise<string | null> {
  if (!tile.id || !tile.dashboard_id || (!tileQueryId(tile) && !embeddedTileQuery(tile))) return null;
  const choices = boundedList('filters', filters ?? [], maxExportFilterValues).map((choice, i) => ({
    name: boundedText(`filters[${i}].name`, choice.name, 200),
    value: boundedText(`filters[${i}].value`, choice.value, maxFilterExpressionLength),
  }));
  const values = withFilterChoices(String(tile.dashboard_id), tile.dashboardFilterValues, choices);
  return linkFor(
    { kind: 'tile', dashboardId: String(tile.dashboard_id), tileId: String(tile.id), filters: values },
    format,
    ctx,
  );
}
