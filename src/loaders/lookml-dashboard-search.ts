import type { IDashboard } from '@looker/sdk';
import type { LookerClient } from '../looker/looker-client';
import type { RequestCache } from './request-cache';

/**
 * LookML dashboards whose title contains `search` (case-insensitive; empty matches all), the
 * first `first` by title. Looker's content search never finds them, so the whole list comes from
 * `all_dashboards`, cached like other metadata and filtered here.
 */
export async function searchLookmlDashboards(
  client: LookerClient,
  cache: RequestCache,
  search: string,
  first: number,
): Promise<IDashboard[]> {
  const all = await cache.load('metadata', ['lookml_dashboards'], () => client.lookmlDashboards(), {
    resources: (dashboards) => dashboards.map((d) => `dashboard:${d.id ?? ''}`),
  });
  const needle = search.toLowerCase();
  return all
    .filter((d) => !d.hidden && (d.title ?? '').toLowerCase().includes(needle))
    .sort((a, b) => (a.title ?? '').localeCompare(b.title ?? '') || (a.id ?? '').localeCompare(b.id ?? ''))
    .slice(0, first);
}
