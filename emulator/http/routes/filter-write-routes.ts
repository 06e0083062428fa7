import type { ResolvedDashboard, ResolvedFilter } from '../../content/content-store';
import { dashboardFilter } from '../../content/dashboard-view';
import type { DashboardFilterDef, FilterUiConfigDef } from '../../content/types';
import { exploreFields, findExplore } from '../../query/explore-catalog';
import type { ApiRoutes, RouteContext } from '../api-router';
import { sendJson } from '../api-router';
import { notFound, validationFailed, type ErrorDetail } from '../errors';
import {
  alreadyExists,
  flag,
  integer,
  invalidValue,
  object,
  requireFields,
  text,
  writeBody,
  type WriteBody,
} from '../write-body';
import { requireDashboard, viewContext } from './content-access';
import { requireEditableDashboard } from './dashboard-write-routes';

/** The filter and its dashboard, when the caller may see it; 404 otherwise. */
function requireFilter(ctx: RouteContext, id: string): { dashboard: ResolvedDashboard; filter: ResolvedFilter } {
  const found = ctx.services.content.filter(id);
  if (!found) throw notFound();
  requireDashboard(ctx, found.dashboard.def.id);
  return found;
}

/** A filter control (`ui_config`) from a body; undefined when absent or without a `type`. */
function uiConfigOf(body: WriteBody): FilterUiConfigDef | undefined {
  const ui = object(body, 'ui_config');
  const type = ui ? text(ui, 'type') : undefined;
  if (!ui || type === undefined) return undefined;
  const display = text(ui, 'display');
  const options = ui.options;
  return {
    type,
    display: display === 'inline' || display === 'overflow' ? display : 'popover',
    ...(Array.isArray(options) ? { options: options.map(String) } : {}),
  };
}

/** A string list property (`listens_to_filters`); undefined when absent. */
function names(body: WriteBody, key: string): string[] | undefined {
  const value = body[key];
  return Array.isArray(value) ? value.map(String) : undefined;
}

/**
 * The filter definition a body makes of `current` (or from nothing): only `field_filter`s (a
 * dimension of an explore) are kept by the emulator; the field must exist in the explore.
 */
function filterDef(body: WriteBody, current?: DashboardFilterDef): DashboardFilterDef {
  const type = text(body, 'type');
  if (type !== undefined && type !== 'field_filter')
    throw validationFailed([invalidValue('type', 'the emulator keeps field_filter filters only')]);
  const def: DashboardFilterDef = {
    name: text(body, 'name') ?? current?.name ?? '',
    title: text(body, 'title') ?? current?.title ?? '',
    model: text(body, 'model') ?? current?.model ?? '',
    explore: text(body, 'explore') ?? current?.explore ?? '',
    dimension: text(body, 'dimension') ?? current?.dimension ?? '',
    defaultValue: text(body, 'default_value') ?? current?.defaultValue ?? '',
    listensTo: names(body, 'listens_to_filters') ?? current?.listensTo ?? [],
    allowMultipleValues: flag(body, 'allow_multiple_values') ?? current?.allowMultipleValues ?? false,
    required: flag(body, 'required') ?? current?.required ?? false,
    ...((uiConfigOf(body) ?? current?.ui) ? { ui: uiConfigOf(body) ?? current?.ui } : {}),
  };
  requireFields(
    { name: def.name, title: def.title, model: def.model, explore: def.explore, dimension: def.dimension },
    ['name', 'title', 'model', 'explore', 'dimension'],
  );
  const found = findExplore(def.model, def.explore);
  const problems: ErrorDetail[] = [];
  if (!found) problems.push(invalidValue('explore', `no explore ${def.model}::${def.explore}`));
  else if (!exploreFields(found.explore).has(def.dimension))
    problems.push(invalidValue('dimension', `no field ${def.dimension} in ${def.explore}`));
  if (problems.length > 0) throw validationFailed(problems);
  return def;
}

/** Throws 422 `already_exists` when another filter of the dashboard has the name. */
function requireUniqueName(d: ResolvedDashboard, name: string, self?: ResolvedFilter): void {
  if (d.filters.some((f) => f !== self && f.def.name === name))
    throw validationFailed([alreadyExists('name', 'Dashboard filter name already exists on this dashboard')]);
}

/** `GET`/`POST`/`PATCH`/`DELETE` of dashboard filters (`/dashboard_filters`). */
export function registerFilterWriteRoutes(api: ApiRoutes): void {
  api.get('/dashboard_filters/:dashboard_filter_id', (ctx) => {
    const { filter } = requireFilter(ctx, String(ctx.req.params.dashboard_filter_id));
    sendJson(ctx, dashboardFilter(filter, viewContext(ctx)));
  });

  api.post('/dashboard_filters', (ctx) => {
    const body = writeBody(ctx.req.body);
    // The spec's CreateDashboardFilter requires these four.
    requireFields(body, ['dashboard_id', 'name', 'title', 'type']);
    const d = requireEditableDashboard(ctx, String(text(body, 'dashboard_id')));
    const def = filterDef(body);
    requireUniqueName(d, def.name);
    const created: ResolvedFilter = {
      id: ctx.services.content.nextFilterId(),
      dashboardId: d.def.id,
      row: integer(body, 'row') ?? d.filters.length,
      def,
    };
    d.filters.push(created);
    d.updatedAt = new Date();
    sendJson(ctx, dashboardFilter(created, viewContext(ctx)));
  });

  api.patch('/dashboard_filters/:dashboard_filter_id', (ctx) => {
    const { dashboard: d, filter } = requireFilter(ctx, String(ctx.req.params.dashboard_filter_id));
    requireEditableDashboard(ctx, d.def.id);
    const body = writeBody(ctx.req.body);
    const def = filterDef(body, filter.def);
    requireUniqueName(d, def.name, filter);
    filter.def = def;
    filter.row = integer(body, 'row') ?? filter.row;
    d.updatedAt = new Date();
    sendJson(ctx, dashboardFilter(filter, viewContext(ctx)));
  });

  api.delete('/dashboard_filters/:dashboard_filter_id', (ctx) => {
    const { dashboard: d, filter } = requireFilter(ctx, String(ctx.req.params.dashboard_filter_id));
    requireEditableDashboard(ctx, d.def.id);
    d.filters = d.filters.filter((f) => f !== filter);
    // Tiles stop listening to a filter that is gone.
    for (const e of d.elements)
      if (e.listen) e.listen = e.listen.filter((l) => l.dashboardFilterName !== filter.def.name);
    d.updatedAt = new Date();
    ctx.res.status(204).end();
  });
}
