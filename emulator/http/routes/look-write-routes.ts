import { newContentState, type ResolvedLook } from '../../content/content-store';
import { lookWithQuery } from '../../content/look-view';
import type { ApiRoutes, RouteContext } from '../api-router';
import { sendJson } from '../api-router';
import { validationFailed } from '../errors';
import { flag, missingField, requireFields, text, writeBody, type WriteBody } from '../write-body';
import { requireEditableFolder, requireLook, viewContext } from './content-access';
import { requireQuery } from './query-routes';

/** The folder a body names: `folder_id`, or the older `space_id`. */
export function folderOf(body: WriteBody): string | undefined {
  return text(body, 'folder_id') ?? text(body, 'space_id');
}

/** Soft-deletes or restores content as `update_look`/`update_dashboard` with `deleted` do. */
export function applyDeleted(
  target: { deleted: boolean; deletedAt: Date | null; deleterId: string | null },
  deleted: boolean | undefined,
  ctx: RouteContext,
): void {
  if (deleted === undefined || deleted === target.deleted) return;
  target.deleted = deleted;
  target.deletedAt = deleted ? new Date() : null;
  target.deleterId = deleted ? ctx.caller.user.id : null;
}

/** Throws 422 `missing_field` when the body sets a text property to blank (a title cannot be emptied). */
function refuseBlank(body: WriteBody, key: string): void {
  const value = text(body, key);
  if (value !== undefined && value.trim() === '') throw validationFailed([missingField(key)]);
}

/** `POST /looks` (create_look), `PATCH /looks/:look_id` (update_look), `DELETE /looks/:look_id` (delete_look). */
export function registerLookWriteRoutes(api: ApiRoutes): void {
  api.post('/looks', (ctx) => {
    const body = writeBody(ctx.req.body);
    const folderId = folderOf(body);
    requireFields({ ...body, folder_id: folderId }, ['title', 'folder_id', 'query_id']);
    requireEditableFolder(ctx, folderId);
    const query = requireQuery(ctx, String(text(body, 'query_id')));
    const { content } = ctx.services;
    const now = new Date();
    const id = content.nextLookId();
    const created: ResolvedLook = {
      def: {
        id,
        title: String(text(body, 'title')),
        description: text(body, 'description') ?? '',
        folderId: String(folderId),
        userId: ctx.caller.user.id,
        query: { ...query.request, vis: query.vis ?? undefined },
      },
      query,
      ...newContentState(now),
    };
    applyDeleted(created, flag(body, 'deleted'), ctx);
    content.looks.push(created);
    sendJson(ctx, lookWithQuery(created, content, viewContext(ctx)));
  });

  api.patch('/looks/:look_id', (ctx) => {
    const found = requireLook(ctx, String(ctx.req.params.look_id));
    const body = writeBody(ctx.req.body);
    requireEditableFolder(ctx, found.def.folderId);
    refuseBlank(body, 'title');
    const folderId = folderOf(body);
    if (folderId !== undefined && folderId !== found.def.folderId) requireEditableFolder(ctx, folderId);
    const queryId = text(body, 'query_id');
    const query = queryId !== undefined ? requireQuery(ctx, queryId) : found.query;
    found.def = {
      ...found.def,
      title: text(body, 'title') ?? found.def.title,
      // An explicit null clears the description.
      description: body.description === null ? '' : (text(body, 'description') ?? found.def.description),
      folderId: folderId ?? found.def.folderId,
      query: { ...query.request, vis: query.vis ?? undefined },
    };
    found.query = query;
    applyDeleted(found, flag(body, 'deleted'), ctx);
    found.updatedAt = new Date();
    sendJson(ctx, lookWithQuery(found, ctx.services.content, viewContext(ctx)));
  });

  api.delete('/looks/:look_id', (ctx) => {
    const found = requireLook(ctx, String(ctx.req.params.look_id));
    requireEditableFolder(ctx, found.def.folderId);
    const { content } = ctx.services;
    content.looks = content.looks.filter((l) => l !== found);
    // A permanently deleted look takes the tiles showing it along (a guess, see the emulator README).
    for (const d of content.dashboards) d.elements = d.elements.filter((e) => e.look !== found);
    content.favorites = content.favorites.filter((f) => f.lookId !== found.def.id);
    ctx.res.status(204).end();
  });
}
