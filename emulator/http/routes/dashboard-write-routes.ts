import { newContentState, type ResolvedDashboard } from '../../content/content-store';
import { dashboard } from '../../content/dashboard-view';
import type { ApiRoutes, RouteContext } from '../api-router';
import { sendJson } from '../api-router';
import { ApiError, validationFailed } from '../errors';
import { alreadyExists, flag, missingField, requireFields, text, writeBody } from '../write-body';
import { requireDashboard, requireEditableFolder, viewContext } from './content-access';
import { applyDeleted, folderOf } from './look-write-routes';

/**
 * A user-defined dashboard the caller may edit: 404 when they cannot see it, 405 for a LookML
 * dashboard (the spec lists 405 for update and delete; LookML dashboards change in LookML only),
 * 403 without edit access to its folder.
 */
export function requireEditableDashboard(ctx: RouteContext, id: string): ResolvedDashboard {
  const found = requireDashboard(ctx, id);
  if (found.def.lookmlModel) throw new ApiError(405);
  requireEditableFolder(ctx, found.def.folderId);
  return found;
}

/** Throws 422 `already_exists` when another live dashboard in the folder has the title (Looker keeps titles unique per folder). */
function requireUniqueTitle(ctx: RouteContext, folderId: string, title: string, self?: ResolvedDashboard): void {
  const taken = ctx.services.content.dashboards.some(
    (d) =>
      d !== self &&
      !d.deleted &&
      !d.def.lookmlModel &&
      d.def.folderId === folderId &&
      d.def.title.toLowerCase() === title.toLowerCase(),
  );
  if (taken) throw validationFailed([alreadyExists('title', 'Dashboard title already exists in this folder')]);
}

/** `POST /dashboards`, `PATCH /dashboards/:dashboard_id`, `DELETE /dashboards/:dashboard_id`. */
export function registerDashboardWriteRoutes(api: ApiRoutes): void {
  api.post('/dashboards', (ctx) => {
    const body = writeBody(ctx.req.body);
    const folderId = folderOf(body);
    requireFields({ ...body, folder_id: folderId }, ['title', 'folder_id']);
    requireEditableFolder(ctx, folderId);
    const title = String(text(body, 'title'));
    requireUniqueTitle(ctx, String(folderId), title);
    const { content } = ctx.services;
    const now = new Date();
    const created: ResolvedDashboard = {
      def: {
        id: content.nextDashboardId(),
        title,
        description: text(body, 'description') ?? '',
        folderId: String(folderId),
        userId: ctx.caller.user.id,
        tiles: [],
        filters: [],
      },
      elements: [],
      filters: [],
      ...newContentState(now),
    };
    applyDeleted(created, flag(body, 'deleted'), ctx);
    content.dashboards.push(created);
    sendJson(ctx, dashboard(created, content, viewContext(ctx)));
  });

  api.patch('/dashboards/:dashboard_id', (ctx) => {
    const found = requireEditableDashboard(ctx, String(ctx.req.params.dashboard_id));
    const body = writeBody(ctx.req.body);
    const title = text(body, 'title');
    if (title !== undefined && title.trim() === '') throw validationFailed([missingField('title')]);
    const folderId = folderOf(body);
    if (folderId !== undefined && folderId !== found.def.folderId) requireEditableFolder(ctx, folderId);
    const deleted = flag(body, 'deleted');
    const next = { ...found.def, title: title ?? found.def.title, folderId: folderId ?? found.def.folderId };
    // A live dashboard's title must stay unique in its folder (also when one comes back from the trash).
    if ((title !== undefined || folderId !== undefined || deleted === false) && (deleted ?? found.deleted) === false)
      requireUniqueTitle(ctx, next.folderId, next.title, found);
    // An explicit null clears the description.
    const description = body.description === null ? '' : (text(body, 'description') ?? found.def.description);
    found.def = { ...next, description };
    applyDeleted(found, deleted, ctx);
    found.updatedAt = new Date();
    sendJson(ctx, dashboard(found, ctx.services.content, viewContext(ctx)));
  });

  api.delete('/dashboards/:dashboard_id', (ctx) => {
    const found = requireEditableDashboard(ctx, String(ctx.req.params.dashboard_id));
    const { content } = ctx.services;
    content.dashboards = content.dashboards.filter((d) => d !== found);
    content.favorites = content.favorites.filter((f) => f.dashboardId !== found.def.id);
    ctx.res.status(204).end();
  });
}
