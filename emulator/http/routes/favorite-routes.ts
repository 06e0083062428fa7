import type { IContentFavorite } from '@looker/sdk';
import { dashboardMetadataId, lookMetadataId, type FavoriteDef } from '../../content/content-metadata';
import { dashboardBase } from '../../content/dashboard-view';
import { applySearch, applySorts, type Criterion } from '../../content/search';
import type { ApiRoutes, RouteContext } from '../api-router';
import { sendJson } from '../api-router';
import { notFound, validationFailed } from '../errors';
import { pageWithHeaders } from '../paging-headers';
import { alreadyExists, invalidValue, requireFields, text, writeBody } from '../write-body';
import { viewContext, visibleDashboards, visibleLooks } from './content-access';

/** Search parameters of `GET /content_favorite/search`. */
const CRITERIA: readonly Criterion<FavoriteDef>[] = [
  { param: 'id', kind: 'id', value: (f) => f.id },
  { param: 'user_id', kind: 'id', value: (f) => f.userId },
  { param: 'content_metadata_id', kind: 'id', value: (f) => f.contentMetadataId },
  { param: 'dashboard_id', kind: 'id', value: (f) => f.dashboardId },
  { param: 'look_id', kind: 'id', value: (f) => f.lookId },
];

/** Fields `sorts` may name. */
const SORT_KEYS: Readonly<Record<string, (f: FavoriteDef) => string | number>> = {
  id: (f) => Number(f.id),
  user_id: (f) => Number(f.userId),
  content_metadata_id: (f) => Number(f.contentMetadataId),
};

/** The favorite in Looker's `ContentFavorite` shape, with the look (`LookBasic`) or dashboard it names. */
function contentFavorite(ctx: RouteContext, f: FavoriteDef): IContentFavorite {
  const { content } = ctx.services;
  const look = f.lookId ? content.look(f.lookId) : undefined;
  const dashboard = f.dashboardId ? content.dashboard(f.dashboardId) : undefined;
  return {
    id: f.id,
    user_id: f.userId,
    content_metadata_id: f.contentMetadataId,
    look_id: f.lookId,
    dashboard_id: f.dashboardId,
    ...(look
      ? {
          look: {
            can: { index: true, show: true },
            content_metadata_id: lookMetadataId(look.def.id),
            id: look.def.id,
            title: look.def.title,
            user_id: look.def.userId,
          },
        }
      : {}),
    ...(dashboard ? { dashboard: dashboardBase(dashboard, content, viewContext(ctx)) } : {}),
    board_id: null,
    lookml_dashboard_id: null,
  };
}

/**
 * Favorites the caller may read: an admin's searches see everyone's, other users only their own
 * (a guess: the spec does not say; see the emulator README).
 */
function readableFavorites(ctx: RouteContext): FavoriteDef[] {
  const all = ctx.services.content.favorites;
  return ctx.caller.policy.isAdmin ? [...all] : all.filter((f) => f.userId === ctx.caller.user.id);
}

/** A favorite the caller may read, or 404. */
function requireFavorite(ctx: RouteContext, id: string): FavoriteDef {
  const found = readableFavorites(ctx).find((f) => f.id === id);
  if (!found) throw notFound();
  return found;
}

/** The favorite count of the content a favorite names moves by `delta`. */
function countFavorite(ctx: RouteContext, f: FavoriteDef, delta: number): void {
  const { content } = ctx.services;
  const target = f.lookId ? content.look(f.lookId) : f.dashboardId ? content.dashboard(f.dashboardId) : undefined;
  if (target) target.favoriteCount = Math.max(0, target.favoriteCount + delta);
}

/** `POST /content_favorite`, `GET`/`DELETE /content_favorite/:id`, `GET /content_favorite/search`. */
export function registerFavoriteRoutes(api: ApiRoutes): void {
  api.post('/content_favorite', (ctx) => {
    const body = writeBody(ctx.req.body);
    requireFields(body, ['user_id', 'content_metadata_id']);
    // A favorite is its maker's: nobody, an admin included, favorites for someone else.
    if (text(body, 'user_id') !== ctx.caller.user.id)
      throw validationFailed([invalidValue('user_id', 'must be the id of the current user')]);
    const metadataId = String(text(body, 'content_metadata_id'));
    const look = visibleLooks(ctx).find((l) => lookMetadataId(l.def.id) === metadataId);
    const dashboard = look
      ? undefined
      : visibleDashboards(ctx).find((d) => !d.def.lookmlModel && dashboardMetadataId(d.def.id) === metadataId);
    if (!look && !dashboard) throw notFound();
    const { content } = ctx.services;
    if (content.favoriteId(ctx.caller.user.id, metadataId) !== null)
      throw validationFailed([alreadyExists('content_metadata_id', 'Content is already a favorite')]);
    const created: FavoriteDef = {
      id: content.nextFavoriteId(),
      userId: ctx.caller.user.id,
      contentMetadataId: metadataId,
      lookId: look?.def.id ?? null,
      dashboardId: dashboard?.def.id ?? null,
    };
    content.favorites.push(created);
    countFavorite(ctx, created, 1);
    sendJson(ctx, contentFavorite(ctx, created));
  });

  api.get('/content_favorite/search', (ctx) => {
    const found = applySearch(
      readableFavorites(ctx),
      CRITERIA,
      ctx.params.reader,
      ctx.params.bool('filter_or') === true,
    );
    const sorted = applySorts(found, ctx.params.string('sorts'), SORT_KEYS);
    sendJson(
      ctx,
      pageWithHeaders(ctx, sorted).map((f) => contentFavorite(ctx, f)),
    );
  });

  api.get('/content_favorite/:content_favorite_id', (ctx) => {
    sendJson(ctx, contentFavorite(ctx, requireFavorite(ctx, String(ctx.req.params.content_favorite_id))));
  });

  api.delete('/content_favorite/:content_favorite_id', (ctx) => {
    const found = requireFavorite(ctx, String(ctx.req.params.content_favorite_id));
    const { content } = ctx.services;
    content.favorites = content.favorites.filter((f) => f !== found);
    countFavorite(ctx, found, -1);
    ctx.res.status(204).end();
  });
}
