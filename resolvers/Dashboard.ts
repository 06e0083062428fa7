import type { IDashboardLayout } from '@looker/sdk';
import { countArgument } from '../src/input/arguments';
import { elementsOf, fetchedElements, filtersOf, layoutOf } from '../src/dashboards/dashboard-elements';
import { dashboardFilterValues, digestUnlessDefaults, filterChoices } from '../src/input/dashboard-tile';
import type { DashboardResolvers } from '../src/generated/resolvers-types';
import { embedUrlFor } from '../src/embed';
import { isoDate } from '../src/input/iso-date';

/** Tiles served when the caller does not say (`first`), and the most a caller may ask for. */
const defaultTileCount = 100;
const maxTileCount = 200;

/** Columns of Looker's "newspaper" grid, the layout of every dashboard made since Looker 6.20. */
const newspaperColumns = 24;

/** A dashboard: tiles and filters come with it when Looker sent them, else from one detail call. */
export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.dashboard.load(ref.id),
  id: (dashboard) => String(dashboard.id),
  title: (dashboard) => dashboard.title ?? '',
  folder: (dashboard, _args, ctx) => (dashboard.folder_id ? ctx.loaders.folder.load(dashboard.folder_id) : null),
  tiles: async (dashboard, { filters, first }, ctx) => {
    const count = countArgument('first', first, defaultTileCount, maxTileCount);
    const choices = filterChoices(filters);
    const dashboardFilters = await filtersOf(dashboard, ctx);
    const elements = await elementsOf(dashboard, dashboardFilters.length > 0, ctx);
    // Every tile carries the filter values in force, for its result to apply those it listens to.
    const withFilters = { ...dashboard, dashboard_filters: dashboardFilters };
    const values = dashboardFilterValues(withFilters, choices);
    // Tiles whose data differ from the unfiltered tiles' get an id of their own: clients cache objects by id.
    const filterDigest = digestUnlessDefaults(dashboardFilterValues(withFilters, []), values);
    // The layout is read once for all tiles, and only if a tile's `layout` is asked for.
    let layout: Promise<IDashboardLayout | undefined> | undefined;
    const dashboardLayout = () => (layout ??= layoutOf(dashboard, ctx));
    return elements
      .slice(0, count)
      .map((element) => ({ ...element, dashboardFilterValues: values, dashboardLayout, filterDigest }));
  },
  // Every tile Looker has (embedded ones suffice: counting needs no filterables).
  tileCount: async (dashboard, _args, ctx) =>
    (dashboard.dashboard_elements ?? (await fetchedElements(dashboard, ctx))).length,
  // Each filter carries its siblings, for its suggestions to honour the filters it listens to.
  filters: async (dashboard, _args, ctx) => {
    const filters = await filtersOf(dashboard, ctx);
    return filters.map((filter) => ({ ...filter, dashboardFilters: filters }));
  },
  layout: async (dashboard, _args, ctx) => {
    const layout = await layoutOf(dashboard, ctx);
    if (!layout) return null;
    // Only newspaper layouts have a fixed grid; older ones place tiles in pixels, which `width`/`columnWidth` give.
    return {
      type: layout.type ?? null,
      columns: newspaperColumns,
      width: layout.width ?? null,
      columnWidth: layout.column_width ?? null,
    };
  },
  embedUrl: (dashboard, _args, ctx, info) =>
    dashboard.id ? embedUrlFor({ kind: 'dashboard', id: String(dashboard.id) }, ctx, info) : null,
  deleted: (dashboard) => dashboard.deleted === true,
  createdAt: (dashboard) => isoDate(dashboard.created_at),
  updatedAt: (dashboard) => isoDate(dashboard.updated_at),
};
