/**
 * What one field costs Looker, for the estimate made before an operation runs. Figures are per
 * instance of the field's parent unless `batched`; lists multiply the cost of what is selected
 * inside them by their size.
 */
export interface FieldCost {
  /** Looker calls made for each parent instance. */
  readonly calls?: number;
  /** One more call for each parent instance when this argument is not given (a lookup it would spare). */
  readonly lookupUnless?: string;
  /** Looker calls made once for all parents at one level (a loader that batches ids into one call). */
  readonly batchedCalls?: number;
  /** Result rows read: the `limit` argument at this path, else `default` (Looker's own limit is unknown in advance). */
  readonly rows?: { readonly argument: string; readonly default: number };
  /**
   * Items of the list this field returns, one of:
   * - a page-size argument; when the document does not set it, `default` here (which may be below
   *   the schema's own default);
   * - an assumed size, for lists Looker answers whole;
   * - the length of a list argument.
   */
  readonly size?:
    | { readonly argument: string; readonly default: number }
    | { readonly assumed: number }
    | { readonly listArgument: string };
}

/** Rows assumed for a result whose row limit the caller did not set (Looker's usual default). */
export const assumedResultRows = 500;
/** Items assumed for lists Looker answers in one call without paging (models, explores of a model). */
export const assumedListSize = 20;

const page = (fallback: number) => ({ argument: 'first', default: fallback });
const result: FieldCost = { calls: 1, rows: { argument: 'limit', default: assumedResultRows } };

/**
 * Cost of every field that reaches Looker or multiplies what is below it, by `Type.field`. Fields
 * absent here are served from their parent's answer: no call, no multiplier.
 */
export const lookerFieldCosts: Readonly<Record<string, FieldCost>> = {
  'Query.look': { batchedCalls: 1 },
  'Query.looks': { calls: 1, size: page(20) },
  'Query.dashboard': { batchedCalls: 1 },
  'Query.dashboards': { calls: 1, size: page(20) },
  'Query.folder': { batchedCalls: 1 },
  'Query.folders': { calls: 1, size: page(20) },
  'Query.lookmlModels': { calls: 1, size: { assumed: assumedListSize } },
  'Query.lookmlModel': { batchedCalls: 1 },
  'Query.explore': { calls: 1 },
  'Query.runQuery': { calls: 1, rows: { argument: 'input.limit', default: assumedResultRows } },
  // run_inline_query in the `sql` format (nothing runs); create_query for its share_url.
  'Query.querySql': { calls: 1 },
  'Query.queryUrl': { calls: 1 },
  // all_dashboards, filtered for LookML dashboards; `first` bounds what is served.
  'Query.lookmlDashboards': { calls: 1, size: page(20) },
  // A poll: one query_task_multi_results call, with the task's rows once it completed.
  'Query.queryTask': { calls: 1, rows: { argument: 'limit', default: assumedResultRows } },
  // create_query then create_query_task; a cancel is kill_query, then reading the state if it had finished.
  'Mutation.startQuery': { calls: 2 },
  'Mutation.cancelQueryTask': { calls: 2 },
  // Writes: their checks' reads (the content, its folder's ancestry, cached) and their writes.
  'Mutation.createLook': { calls: 4 },
  'Mutation.updateLook': { calls: 4 },
  'Mutation.deleteLook': { calls: 3 },
  'Mutation.restoreLook': { calls: 3 },
  'Mutation.createDashboard': { calls: 3 },
  'Mutation.updateDashboard': { calls: 4 },
  'Mutation.deleteDashboard': { calls: 3 },
  'Mutation.restoreDashboard': { calls: 3 },
  'Mutation.addDashboardTile': { calls: 9 },
  'Mutation.updateDashboardTile': { calls: 9 },
  'Mutation.removeDashboardTile': { calls: 5 },
  'Mutation.addDashboardFilter': { calls: 6 },
  'Mutation.updateDashboardFilter': { calls: 5 },
  'Mutation.removeDashboardFilter': { calls: 5 },
  'Mutation.setFavorite': { calls: 4 },
  'Mutation.createSchedule': { calls: 2 },
  'Mutation.updateSchedule': { calls: 2 },
  'Mutation.deleteSchedule': { calls: 2 },
  'Mutation.runScheduleOnce': { calls: 2 },
  // A tile or filter payload's dashboard, read anew after the write.
  'DashboardTilePayload.dashboard': { batchedCalls: 1 },
  'DashboardFilterPayload.dashboard': { batchedCalls: 1 },
  'FavoritePayload.look': { batchedCalls: 1 },
  'FavoritePayload.dashboard': { batchedCalls: 1 },
  'Query._entities': { batchedCalls: 1, size: { listArgument: 'representations' } },
  'Look.explore': { calls: 1 },
  'Look.query': { calls: 1 },
  // Without a `limit`, the saved query is read first for its own limit (to bound the run).
  'Look.result': { ...result, lookupUnless: 'limit' },
  'Dashboard.folder': { batchedCalls: 1 },
  // Looker may answer a dashboard search without its elements or filters, or with elements that do
  // not say which filters they listen to: a call for the filters and one for the elements then.
  // A dashboard serves up to `first` tiles (default 100), but most have a couple of dozen: unless
  // the document sets `first`, the estimate assumes 20, and the request budget bounds the rest.
  'Dashboard.tiles': { calls: 2, size: page(assumedListSize) },
  'Dashboard.filters': { calls: 1 },
  // The elements' call that `tiles` makes too, when Looker sent the dashboard without them.
  'Dashboard.tileCount': { calls: 1 },
  // The layout comes with a dashboard Looker sent whole; else one `dashboard` call, shared with
  // the tiles' layouts and with `filters`/`tiles` when they need it too.
  'Dashboard.layout': { calls: 1 },
  'DashboardTile.layout': { batchedCalls: 1 },
  // A tile without a vis_config of its own reads the type from the layout (the same shared call).
  'DashboardTile.visType': { batchedCalls: 1 },
  'DashboardTile.look': { batchedCalls: 1 },
  'DashboardTile.query': { calls: 1 },
  // A tile's query comes embedded with its own limit; a filtered tile runs that query inline.
  'DashboardTile.result': result,
  // Export links are minted from what the parent holds: no Looker call (the download pays, see src/exports).
  'Look.exportUrl': { calls: 0 },
  'DashboardTile.exportUrl': { calls: 0 },
  // One create_sso_embed_url call per dashboard or look (signed URLs are never shared or cached).
  'Look.embedUrl': { calls: 1 },
  'Dashboard.embedUrl': { calls: 1 },
  // One model_fieldname_suggestions call per filter (its siblings come with Dashboard.filters).
  'DashboardFilter.suggestions': { calls: 1 },
  'Folder.parent': { batchedCalls: 1 },
  'Folder.looks': { calls: 1, size: page(20) },
  'Folder.dashboards': { calls: 1, size: page(20) },
  'LookmlModel.explores': { batchedCalls: 1, size: { assumed: assumedListSize } },
  // An explore listed by its model comes without fields: one call loads both lists.
  'Explore.dimensions': { calls: 1 },
  // One model_fieldname_suggestions call per explore it is asked of.
  'Explore.suggestions': { calls: 1 },
};
