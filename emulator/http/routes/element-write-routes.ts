import type { ListenDef, ResolvedDashboard, ResolvedElement } from '../../content/content-store';
import { dashboardElement, dashboardLayout, layoutComponent, placements } from '../../content/dashboard-view';
import type { StoredQuery } from '../../content/query-store';
import { defaultSize, NEWSPAPER_COLUMNS } from '../../content/tile-layout';
import type { TileDef } from '../../content/types';
import type { ApiRoutes, RouteContext } from '../api-router';
import { sendJson } from '../api-router';
import { notFound, validationFailed } from '../errors';
import { parseQueryBody } from '../query-body';
import { given, integer, invalidValue, missingField, object, text, writeBody, type WriteBody } from '../write-body';
import { requireDashboard, requireLook, requireModel, viewContext } from './content-access';
import { requireEditableDashboard } from './dashboard-write-routes';
import { requireQuery } from './query-routes';

/** The filters a tile listens to, from `result_maker.filterables[].listen[]`; undefined when the body says nothing. */
function listenOf(resultMaker: WriteBody | undefined): ListenDef[] | undefined {
  const filterables = resultMaker?.filterables;
  if (!Array.isArray(filterables)) return undefined;
  const listen: ListenDef[] = [];
  for (const f of filterables as unknown[]) {
    const entries =
      f && typeof f === 'object' && 'listen' in f && Array.isArray(f.listen) ? (f.listen as unknown[]) : [];
    for (const l of entries) {
      if (!l || typeof l !== 'object') continue;
      const { dashboard_filter_name: name, field } = l as Record<string, unknown>;
      if (typeof name !== 'string' || typeof field !== 'string')
        throw validationFailed([
          invalidValue('result_maker.filterables.listen', 'needs dashboard_filter_name and field'),
        ]);
      listen.push({ dashboardFilterName: name, field });
    }
  }
  return listen;
}

/** The `vis_config` a body gives a tile: the result maker's, else its inline query's. */
function visConfigOf(body: WriteBody, resultMaker: WriteBody | undefined): Record<string, unknown> | undefined {
  const inline = object(body, 'query');
  return object(resultMaker ?? {}, 'vis_config') ?? object(inline ?? {}, 'vis_config');
}

/** The query a body names: `query_id`, or an inline `query` created as `create_query` would. */
function queryOf(ctx: RouteContext, body: WriteBody): StoredQuery | undefined {
  const id = text(body, 'query_id');
  if (id !== undefined) return requireQuery(ctx, id);
  const inline = object(body, 'query');
  if (!inline) return undefined;
  const { request, vis, visConfig } = parseQueryBody(inline);
  requireModel(ctx, request.model);
  ctx.services.engine.compile(request);
  return ctx.services.queries.create(request, vis, visConfig);
}

/** Every tile keeps where it is now (explicit placements), so a new or moved tile does not reflow the others. */
function pinLayout(d: ResolvedDashboard): void {
  const places = placements(d);
  d.elements.forEach((e, i) => {
    e.layout = places[i] ?? e.layout;
  });
}

/** The tile's content from a body: text, a look, or a query; `current` is kept where the body says nothing. */
function tileOf(
  ctx: RouteContext,
  body: WriteBody,
  current?: ResolvedElement,
): Pick<ResolvedElement, 'tile' | 'query' | 'look'> {
  const type = text(body, 'type') ?? (current?.tile.kind === 'text' ? 'text' : 'vis');
  const title = text(body, 'title') ?? text(body, 'title_text');
  const extras = {
    ...(text(body, 'subtitle_text') !== undefined ? { subtitle: text(body, 'subtitle_text') } : {}),
    ...(text(body, 'note_text') !== undefined ? { note: text(body, 'note_text') } : {}),
  };
  const kept = current ? { subtitle: current.tile.subtitle, note: current.tile.note } : {};
  const currentTitle = current?.tile.title ?? '';
  if (type === 'text') {
    const body_text = text(body, 'body_text') ?? (current?.tile.kind === 'text' ? current.tile.body : undefined);
    if (body_text === undefined && title === undefined) throw validationFailed([missingField('body_text')]);
    const tile: TileDef = { kind: 'text', title: title ?? currentTitle, body: body_text ?? '', ...kept, ...extras };
    return { tile, query: null, look: null };
  }
  const lookId = text(body, 'look_id');
  if (lookId !== undefined) {
    const look = requireLook(ctx, lookId);
    const tile: TileDef = { kind: 'look', lookId, ...(title !== undefined ? { title } : {}), ...kept, ...extras };
    return { tile, query: null, look };
  }
  const query = queryOf(ctx, body) ?? current?.query ?? undefined;
  if (query) {
    const tile: TileDef = {
      kind: 'query',
      title: title ?? currentTitle,
      query: { ...query.request, vis: query.vis ?? undefined },
      ...kept,
      ...extras,
    };
    return { tile, query, look: null };
  }
  if (current?.look) {
    const tile: TileDef = { ...current.tile, ...(title !== undefined ? { title } : {}), ...extras } as TileDef;
    return { tile, query: null, look: current.look };
  }
  throw validationFailed([missingField('query_id')]);
}

/** The element and its dashboard, when the caller may see it; 404 otherwise. */
function requireElement(ctx: RouteContext, id: string): { dashboard: ResolvedDashboard; element: ResolvedElement } {
  const found = ctx.services.content.element(id);
  if (!found) throw notFound();
  requireDashboard(ctx, found.dashboard.def.id);
  return found;
}

/** Throws 422 unless the placement fits Looker's 24-column newspaper grid. */
function checkPlacement(place: { row: number; column: number; width: number; height: number }): void {
  const problems = [];
  if (place.row < 0) problems.push(invalidValue('row', 'must be 0 or more'));
  if (place.column < 0) problems.push(invalidValue('column', 'must be 0 or more'));
  if (place.width < 1 || place.column + place.width > NEWSPAPER_COLUMNS)
    problems.push(invalidValue('width', `must fit the ${NEWSPAPER_COLUMNS}-column grid`));
  if (place.height < 1) problems.push(invalidValue('height', 'must be 1 or more'));
  if (problems.length > 0) throw validationFailed(problems);
}

/**
 * Dashboard elements (create, update, delete), the dashboard's layout (reads) and its components
 * (read, update: where a tile sits).
 */
export function registerElementWriteRoutes(api: ApiRoutes): void {
  api.post('/dashboard_elements', (ctx) => {
    const body = writeBody(ctx.req.body);
    if (!given(body, 'dashboard_id')) throw validationFailed([missingField('dashboard_id')]);
    const d = requireEditableDashboard(ctx, String(text(body, 'dashboard_id')));
    const resultMaker = object(body, 'result_maker');
    const content = tileOf(ctx, body);
    pinLayout(d);
    const size = defaultSize(content.tile.kind, content.query?.vis ?? content.look?.query.vis ?? null);
    const bottom = Math.max(0, ...d.elements.map((e) => (e.layout ? e.layout.row + e.layout.height : 0)));
    const element: ResolvedElement = {
      id: ctx.services.content.nextElementId(),
      dashboardId: d.def.id,
      ...content,
      // A new tile goes below the others, as Looker's editor adds it.
      layout: { row: bottom, column: 0, ...size },
      listen: listenOf(resultMaker) ?? null,
      visConfig: visConfigOf(body, resultMaker) ?? null,
    };
    d.elements.push(element);
    d.updatedAt = new Date();
    sendJson(ctx, dashboardElement(element, d, ctx.services.content, viewContext(ctx)));
  });

  api.patch('/dashboard_elements/:dashboard_element_id', (ctx) => {
    const { dashboard: d, element } = requireElement(ctx, String(ctx.req.params.dashboard_element_id));
    requireEditableDashboard(ctx, d.def.id);
    const body = writeBody(ctx.req.body);
    const resultMaker = object(body, 'result_maker');
    Object.assign(element, tileOf(ctx, body, element));
    element.listen = listenOf(resultMaker) ?? element.listen;
    element.visConfig = visConfigOf(body, resultMaker) ?? element.visConfig;
    d.updatedAt = new Date();
    sendJson(ctx, dashboardElement(element, d, ctx.services.content, viewContext(ctx)));
  });

  api.delete('/dashboard_elements/:dashboard_element_id', (ctx) => {
    const { dashboard: d, element } = requireElement(ctx, String(ctx.req.params.dashboard_element_id));
    requireEditableDashboard(ctx, d.def.id);
    // The others stay where they are: Looker leaves the gap.
    pinLayout(d);
    d.elements = d.elements.filter((e) => e !== element);
    d.updatedAt = new Date();
    ctx.res.status(204).end();
  });

  api.get('/dashboards/:dashboard_id/dashboard_layouts', (ctx) => {
    const d = requireDashboard(ctx, String(ctx.req.params.dashboard_id));
    sendJson(ctx, [dashboardLayout(d)]);
  });

  // Every dashboard has one layout, whose id is the dashboard's (a guess, see the emulator README).
  api.get('/dashboard_layouts/:dashboard_layout_id', (ctx) => {
    const d = requireDashboard(ctx, String(ctx.req.params.dashboard_layout_id));
    sendJson(ctx, dashboardLayout(d));
  });

  api.get('/dashboard_layout_components/:dashboard_layout_component_id', (ctx) => {
    const { dashboard: d, element } = requireElement(ctx, String(ctx.req.params.dashboard_layout_component_id));
    sendJson(ctx, layoutComponent(element, d));
  });

  api.patch('/dashboard_layout_components/:dashboard_layout_component_id', (ctx) => {
    const { dashboard: d, element } = requireElement(ctx, String(ctx.req.params.dashboard_layout_component_id));
    requireEditableDashboard(ctx, d.def.id);
    const body = writeBody(ctx.req.body);
    pinLayout(d);
    const current = element.layout ?? { row: 0, column: 0, width: 12, height: 6 };
    const place = {
      row: integer(body, 'row') ?? current.row,
      column: integer(body, 'column') ?? current.column,
      width: integer(body, 'width') ?? current.width,
      height: integer(body, 'height') ?? current.height,
    };
    checkPlacement(place);
    element.layout = place;
    d.updatedAt = new Date();
    sendJson(ctx, layoutComponent(element, d));
  });
}
