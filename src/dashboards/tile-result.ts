import { graphqlError } from '../errors';
import type { Context } from '../context/context';
import {
  appliedTileFilterNames,
  appliedTileFilters,
  embeddedTileQuery,
  filteredTileQuery,
  tileQueryId,
  type DashboardTileModel,
} from '../input/dashboard-tile';
import { LookerRejection, notRunnableAsForbidden } from '../looker/errors';
import { shortened } from '../looker/shortened';
import type { QueryResultData } from '../looker/query-result';

/** Longest part of a rejected filter value an error repeats; Looker's reason follows it. */
const maxEchoedValue = 60;

/** Per request: the dashboard filter values already reported as unreadable, so each is reported once. */
const reportedFilterValues = new WeakMap<Context, Set<string>>();

/**
 * For a filtered tile's run that Looker refused because of a value a dashboard filter put on one
 * of the tile's fields: BAD_USER_INPUT naming the dashboard filter (not its Looker field), with
 * Looker's reason, once per request and value; every other tile that value fails is null. Other
 * errors pass unchanged.
 */
function filterValueRejection(tile: DashboardTileModel, ctx: Context): (error: unknown) => null {
  return (error) => {
    if (!(error instanceof LookerRejection)) throw error;
    const byField = appliedTileFilterNames(tile);
    const rejected = error.rejected.find((r) => Object.hasOwn(byField, r.field));
    if (!rejected) throw error;
    const name = byField[rejected.field] as string;
    const value = tile.dashboardFilterValues[name] ?? '';
    const reported = reportedFilterValues.get(ctx) ?? new Set<string>();
    reportedFilterValues.set(ctx, reported);
    const key = JSON.stringify([tile.dashboard_id, name, value]);
    if (reported.has(key)) return null;
    reported.add(key);
    // A long value would push Looker's reason out of the message: its echoes are shortened.
    const echo = shortened(value, maxEchoedValue);
    const reason = value ? rejected.message.split(value).join(echo) : rejected.message;
    throw graphqlError(
      'BAD_USER_INPUT',
      shortened(`Dashboard filter "${name}" has a value Looker cannot use ("${echo}"): ${reason}`),
      { argumentName: 'filters', filterName: name },
    );
  };
}

/** The tile's data with the filter values in force. */
export async function tileResult(
  tile: DashboardTileModel,
  rows: number | undefined,
  refresh: boolean,
  ctx: Context,
): Promise<QueryResultData | null> {
  const queryId = tileQueryId(tile);
  const applied = appliedTileFilters(tile);
  if (queryId && Object.keys(applied).length === 0) {
    // The embedded query's own limit spares looking the saved query up to bound the run.
    const savedLimit = embeddedTileQuery(tile)?.limit;
    return ctx.loaders.savedResult.load({
      queryId,
      limit: rows,
      refresh,
      ...(savedLimit !== undefined ? { savedLimit } : {}),
    });
  }
  // Filtered tiles, and tiles with no saved query (LookML dashboards embed theirs), run inline.
  const query = embeddedTileQuery(tile) ?? (queryId ? await ctx.loaders.query.load(queryId) : null);
  if (!query) return null;
  return ctx.loaders.inlineResult
    .load({ query: filteredTileQuery(query, applied, rows), refresh })
    .catch(notRunnableAsForbidden('run_inline_query'))
    .catch(filterValueRejection(tile, ctx));
}
