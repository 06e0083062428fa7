import { dashboard } from '../../content/dashboard-view';
import { folderBase } from '../../content/folder-base';
import { folderWithContent } from '../../content/folder-view';
import type { FolderDef } from '../../content/folders';
import { lookWithQuery } from '../../content/look-view';
import { applyPaging, applySearch, applySorts, type Criterion } from '../../content/search';
import type { ApiRoutes } from '../api-router';
import { sendJson } from '../api-router';
import { pageWithHeaders } from '../paging-headers';
import { paging, requireFolder, viewContext, visibleFolders } from './content-access';

/** Search parameters of `GET /folders/search`. */
const CRITERIA: readonly Criterion<FolderDef>[] = [
  { param: 'id', kind: 'id', value: (f) => f.id },
  { param: 'name', kind: 'string', value: (f) => f.name },
  { param: 'parent_id', kind: 'id', value: (f) => f.parentId },
  { param: 'creator_id', kind: 'id', value: (f) => f.creatorId },
  { param: 'is_shared_root', kind: 'boolean', value: (f) => f.isSharedRoot === true },
  { param: 'is_users_root', kind: 'boolean', value: (f) => f.isUsersRoot === true },
];

/** Fields `sorts` may name. */
const SORT_KEYS: Readonly<Record<string, (f: FolderDef) => string | number>> = {
  id: (f) => Number(f.id),
  name: (f) => f.name,
  parent_id: (f) => Number(f.parentId ?? 0),
  creator_id: (f) => Number(f.creatorId),
  created_at: (f) => f.createdAt,
};

/** `GET /folders`, `/folders/search`, `/folders/:id`, and its children, looks and dashboards. */
export function registerFolderRoutes(api: ApiRoutes): void {
  api.get('/folders', (ctx) => {
    const view = viewContext(ctx);
    sendJson(
      ctx,
      visibleFolders(ctx).map((f) => folderBase(f, ctx.services.content, view)),
    );
  });

  api.get('/folders/search', (ctx) => {
    const found = applySearch(visibleFolders(ctx), CRITERIA, ctx.params.reader, ctx.params.bool('filter_or') === true);
    const sorted = applySorts(found, ctx.params.string('sorts'), SORT_KEYS);
    const view = viewContext(ctx);
    sendJson(
      ctx,
      pageWithHeaders(ctx, sorted).map((f) => folderWithContent(f, ctx.services.content, view)),
    );
  });

  api.get('/folders/:folder_id', (ctx) => {
    const folder = requireFolder(ctx, String(ctx.req.params.folder_id));
    sendJson(ctx, folderWithContent(folder, ctx.services.content, viewContext(ctx)));
  });

  api.get('/folders/:folder_id/children', (ctx) => {
    const folder = requireFolder(ctx, String(ctx.req.params.folder_id));
    const view = viewContext(ctx);
    const children = visibleFolders(ctx).filter((f) => f.parentId === folder.id);
    const sorted = applySorts(children, ctx.params.string('sorts'), SORT_KEYS);
    sendJson(
      ctx,
      applyPaging(sorted, paging(ctx)).map((f) => folderWithContent(f, ctx.services.content, view)),
    );
  });

  api.get('/folders/:folder_id/looks', (ctx) => {
    const folder = requireFolder(ctx, String(ctx.req.params.folder_id));
    const view = viewContext(ctx);
    const looks = ctx.services.content.looks.filter((l) => l.def.folderId === folder.id && !l.deleted);
    sendJson(
      ctx,
      looks.map((l) => lookWithQuery(l, ctx.services.content, view)),
    );
  });

  api.get('/folders/:folder_id/dashboards', (ctx) => {
    const folder = requireFolder(ctx, String(ctx.req.params.folder_id));
    const view = viewContext(ctx);
    const dashboards = ctx.services.content.dashboards.filter((d) => d.def.folderId === folder.id && !d.deleted);
    sendJson(
      ctx,
      dashboards.map((d) => dashboard(d, ctx.services.content, view)),
    );
  });
}
