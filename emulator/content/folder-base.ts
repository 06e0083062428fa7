import type { IFolderBase } from '@looker/sdk';
import type { ContentStore } from './content-store';
import type { FolderDef } from './folders';
import type { ViewContext } from './view-context';

/** A folder in Looker's `FolderBase` shape. */
export function folderBase(folder: FolderDef, store: ContentStore, ctx: ViewContext): IFolderBase {
  const admin = ctx.policy.isAdmin;
  return {
    name: folder.name,
    parent_id: folder.parentId,
    id: folder.id,
    content_metadata_id: String(100 + Number(folder.id)),
    created_at: new Date(folder.createdAt),
    creator_id: folder.creatorId,
    child_count: store.folders.filter((f) => f.parentId === folder.id).length,
    external_id: null,
    is_embed: false,
    is_embed_shared_root: false,
    is_embed_users_root: false,
    is_personal: folder.personalOf !== undefined,
    is_personal_descendant: false,
    is_shared_root: folder.isSharedRoot === true,
    is_users_root: folder.isUsersRoot === true,
    can: {
      index: true,
      show: true,
      create: admin,
      see_admin_spaces: admin,
      update: admin,
      destroy: admin,
      move_content: admin,
      edit_content: admin,
    },
  };
}
