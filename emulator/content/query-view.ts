import type { IQuery } from '@looker/sdk';
import { hasTableCalculations } from '../query/dynamic-fields';
import type { StoredQuery } from './query-store';

/** The explore URL Looker reports for a query (`/explore/<model>/<view>?fields=…&f[…]=…`). */
export function exploreUrl(q: StoredQuery): string {
  const params = new URLSearchParams();
  params.set('fields', q.request.fields.join(','));
  for (const [field, value] of Object.entries(q.request.filters)) params.set(`f[${field}]`, value);
  if (q.request.pivots) params.set('pivots', q.request.pivots.join(','));
  if (q.request.sorts.length > 0) params.set('sorts', q.request.sorts.join(','));
  if (q.request.limit !== null) params.set('limit', q.request.limit);
  if (q.request.dynamic_fields) params.set('dynamic_fields', q.request.dynamic_fields);
  if (q.request.column_limit) params.set('column_limit', q.request.column_limit);
  if (q.request.total) params.set('total', 'on');
  if (q.request.query_timezone) params.set('query_timezone', q.request.query_timezone);
  if (q.vis) params.set('vis', JSON.stringify(q.visConfig ?? { type: q.vis }));
  return `/explore/${q.request.model}/${q.request.view}?${params.toString()}`;
}

/** A stored query in Looker's `Query` shape. `webUrl` is the instance's base URL. */
export function toLookerQuery(q: StoredQuery, webUrl: string, canRun: boolean): IQuery {
  const url = exploreUrl(q);
  return {
    can: {
      run: canRun,
      see_results: canRun,
      explore: canRun,
      create: canRun,
      show: true,
      cost_estimate: canRun,
      index: true,
      see_lookml: false,
      see_aggregate_table_lookml: false,
      see_derived_table_lookml: false,
      see_sql: canRun,
      generate_drill_links: canRun,
      download: canRun,
      download_unlimited: canRun,
    },
    id: q.id,
    model: q.request.model,
    view: q.request.view,
    fields: [...q.request.fields],
    pivots: q.request.pivots ? [...q.request.pivots] : null,
    fill_fields: q.request.fill_fields ? [...q.request.fill_fields] : null,
    filters: { ...q.request.filters },
    filter_expression: q.request.filter_expression,
    sorts: [...q.request.sorts],
    limit: q.request.limit,
    column_limit: q.request.column_limit,
    total: q.request.total,
    row_total: q.request.row_total,
    subtotals: q.request.subtotals ? [...q.request.subtotals] : null,
    vis_config: q.visConfig ?? (q.vis ? { type: q.vis } : null),
    filter_config: null,
    visible_ui_sections: null,
    slug: q.slug,
    dynamic_fields: q.request.dynamic_fields,
    client_id: q.clientId,
    share_url: `${webUrl}/x/${q.clientId}`,
    expanded_share_url: `${webUrl}${url}`,
    url,
    query_timezone: q.request.query_timezone,
    has_table_calculations: hasTableCalculations(q.request.dynamic_fields),
  };
}
