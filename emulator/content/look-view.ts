import type { ILook, ILookWithQuery } from '@looker/sdk';
import { lookMetadataId } from './content-metadata';
import type { ContentStore, ResolvedLook } from './content-store';
import { folderBase } from './folder-base';
import { toLookerQuery } from './query-view';
import { lookModel, userName, type ViewContext } from './view-context';

/** A look in Looker's `Look` shape (as `search_looks` and `all_looks` answer). */
export function look(l: ResolvedLook, store: ContentStore, ctx: ViewContext): ILook {
  const { def } = l;
  const folder = store.folder(def.folderId);
  const canRun = ctx.policy.canUseModel(l.query.request.model);
  // Looker's content access is the folder's: edit access there (admins everywhere), not ownership.
  const canEdit = ctx.policy.canEditFolder(def.folderId);
  return {
    can: {
      index: true,
      show: true,
      copy: true,
      run: canRun,
      explore: canRun,
      download: canRun,
      create: canEdit,
      update: canEdit,
      destroy: canEdit,
      move: canEdit,
      see_lookml: false,
      schedule: canRun,
      render: canRun,
    },
    content_metadata_id: lookMetadataId(def.id),
    id: def.id,
    title: def.title,
    user_id: def.userId,
    content_favorite_id: store.favoriteId(ctx.policy.user.id, lookMetadataId(def.id)),
    created_at: l.createdAt,
    deleted: l.deleted,
    deleted_at: l.deletedAt,
    deleter_id: l.deleterId,
    description: def.description,
    embed_url: `${ctx.webUrl}/embed/looks/${def.id}`,
    excel_file_url: null,
    favorite_count: l.favoriteCount,
    google_spreadsheet_formula: null,
    image_embed_url: null,
    is_run_on_load: false,
    last_accessed_at: l.lastViewedAt,
    last_updater_id: def.userId,
    last_viewed_at: l.lastViewedAt,
    model: lookModel(l.query.request.model),
    public: false,
    public_slug: null,
    public_url: null,
    query_id: l.query.id,
    short_url: `/x/${l.query.slug}`,
    ...(folder ? { folder: folderBase(folder, store, ctx) } : {}),
    folder_id: def.folderId,
    updated_at: l.updatedAt,
    user_name: userName(def.userId),
    view_count: l.viewCount,
    usage_count: l.viewCount,
    is_owner_disabled: false,
  };
}

/** A look in Looker's `LookWithQuery` shape (as `look(id)` and `folder_looks` answer). */
export function lookWithQuery(l: ResolvedLook, store: ContentStore, ctx: ViewContext): ILookWithQuery {
  return {
    ...look(l, store, ctx),
    query: toLookerQuery(l.query, ctx.webUrl, ctx.policy.canUseModel(l.query.request.model)),
    url: `/looks/${l.def.id}`,
  };
}
