import type { StoredQuery } from '../../content/query-store';
import { toLookerQuery } from '../../content/query-view';
import type { ApiRoutes, RouteContext } from '../api-router';
import { sendJson } from '../api-router';
import { notFound } from '../errors';
import { parseQueryBody } from '../query-body';
import { holdForQueryTime } from '../query-time';
import { parseResultFormat, runOptionsOf, sendResult } from '../results';
import { recordQueryBody } from '../stats';
import { requireModel } from './content-access';

/** A stored query the caller may use (its model is in their model set), or 404. */
export function requireQuery(ctx: RouteContext, id: string): StoredQuery {
  const query = ctx.services.queries.get(id);
  if (!query || !ctx.caller.policy.canUseModel(query.request.model)) throw notFound();
  return query;
}

/** `POST /queries`, `GET /queries/:id`, `GET /queries/slug/:slug`, and running queries by id or inline. */
export function registerQueryRoutes(api: ApiRoutes): void {
  api.post('/queries', (ctx) => {
    recordQueryBody(ctx.res.locals, ctx.req.body);
    const { request, vis, visConfig } = parseQueryBody(ctx.req.body);
    requireModel(ctx, request.model);
    // Compiling validates fields, filters and limits (422) and the explore (404) before storing.
    ctx.services.engine.compile(request);
    const stored = ctx.services.queries.create(request, vis, visConfig);
    sendJson(ctx, toLookerQuery(stored, ctx.services.webUrl(), true));
  });

  api.post('/queries/run/:result_format', async (ctx) => {
    recordQueryBody(ctx.res.locals, ctx.req.body);
    const format = parseResultFormat(String(ctx.req.params.result_format));
    const { request } = parseQueryBody(ctx.req.body);
    requireModel(ctx, request.model);
    const options = runOptionsOf(ctx.params);
    if (!(await holdForQueryTime(ctx))) return;
    const rendered = await ctx.services.engine.render(request, format, options);
    sendResult(ctx.res, format, rendered);
  });

  api.get('/queries/slug/:slug', (ctx) => {
    const found = ctx.services.queries.bySlug(String(ctx.req.params.slug));
    if (!found) throw notFound();
    sendJson(ctx, toLookerQuery(requireQuery(ctx, found.id), ctx.services.webUrl(), true));
  });

  api.get('/queries/:query_id', (ctx) => {
    const query = requireQuery(ctx, String(ctx.req.params.query_id));
    sendJson(ctx, toLookerQuery(query, ctx.services.webUrl(), true));
  });

  api.get('/queries/:query_id/run/:result_format', async (ctx) => {
    const query = requireQuery(ctx, String(ctx.req.params.query_id));
    const format = parseResultFormat(String(ctx.req.params.result_format));
    const options = runOptionsOf(ctx.params);
    if (!(await holdForQueryTime(ctx))) return;
    const rendered = await ctx.services.engine.render(query.request, format, options);
    sendResult(ctx.res, format, rendered);
  });
}
