import type { ResolvedLook } from '../../content/content-store';
import { look, lookWithQuery } from '../../content/look-view';
import { applySearch, applySorts, type Criterion } from '../../content/search';
import type { ApiRoutes } from '../api-router';
import { sendJson } from '../api-router';
import { pageWithHeaders } from '../paging-headers';
import { holdForQueryTime } from '../query-time';
import { parseResultFormat, runOptionsOf, sendResult } from '../results';
import { requireLook, requireModel, searchable, viewContext, visibleLooks } from './content-access';

/** Search parameters of `GET /looks/search`. */
const CRITERIA: readonly Criterion<ResolvedLook>[] = [
  { param: 'id', kind: 'id', value: (l) => l.def.id },
  { param: 'title', kind: 'string', value: (l) => l.def.title },
  { param: 'description', kind: 'string', value: (l) => l.def.description },
  { param: 'folder_id', kind: 'id', value: (l) => l.def.folderId },
  { param: 'space_id', kind: 'id', value: (l) => l.def.folderId },
  { param: 'user_id', kind: 'id', value: (l) => l.def.userId },
  { param: 'query_id', kind: 'id', value: (l) => l.query.id },
  { param: 'view_count', kind: 'id', value: (l) => l.viewCount },
  { param: 'content_favorite_id', kind: 'id', value: () => null },
  { param: 'deleted', kind: 'boolean', value: (l) => l.deleted },
];

/** Fields `sorts` may name. */
const SORT_KEYS: Readonly<Record<string, (l: ResolvedLook) => string | number | Date>> = {
  id: (l) => Number(l.def.id),
  title: (l) => l.def.title,
  description: (l) => l.def.description,
  user_id: (l) => Number(l.def.userId),
  folder_id: (l) => Number(l.def.folderId),
  space_id: (l) => Number(l.def.folderId),
  query_id: (l) => Number(l.query.id),
  created_at: (l) => l.createdAt,
  updated_at: (l) => l.updatedAt,
  last_viewed_at: (l) => l.lastViewedAt,
  view_count: (l) => l.viewCount,
  favorite_count: (l) => l.favoriteCount,
};

/** `GET /looks`, `/looks/search`, `/looks/:look_id`, `/looks/:look_id/run/:result_format`. */
export function registerLookRoutes(api: ApiRoutes): void {
  api.get('/looks', (ctx) => {
    const view = viewContext(ctx);
    sendJson(
      ctx,
      visibleLooks(ctx)
        .filter((l) => !l.deleted)
        .map((l) => look(l, ctx.services.content, view)),
    );
  });

  api.get('/looks/search', (ctx) => {
    const found = applySearch(
      searchable(ctx, visibleLooks(ctx)),
      CRITERIA,
      ctx.params.reader,
      ctx.params.bool('filter_or') === true,
    );
    const sorted = applySorts(found, ctx.params.string('sorts'), SORT_KEYS);
    const view = viewContext(ctx);
    sendJson(
      ctx,
      pageWithHeaders(ctx, sorted).map((l) => look(l, ctx.services.content, view)),
    );
  });

  api.get('/looks/:look_id', (ctx) => {
    const found = requireLook(ctx, String(ctx.req.params.look_id));
    sendJson(ctx, lookWithQuery(found, ctx.services.content, viewContext(ctx)));
  });

  api.get('/looks/:look_id/run/:result_format', async (ctx) => {
    const found = requireLook(ctx, String(ctx.req.params.look_id));
    const format = parseResultFormat(String(ctx.req.params.result_format));
    // Seeing a look is a folder matter; running it needs its model in the caller's model set.
    requireModel(ctx, found.query.request.model);
    const options = runOptionsOf(ctx.params);
    if (!(await holdForQueryTime(ctx))) return;
    const rendered = await ctx.services.engine.render(found.query.request, format, options);
    sendResult(ctx.res, format, rendered);
  });
}
