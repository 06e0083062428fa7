import type { FolderResolvers } from '../src/generated/resolvers-types';

/** A folder; its parent is batched with other folders, its content is one call per folder. */
export const Folder: FolderResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.folder.load(ref.id),
  id: (folder) => String(folder.id),
  parent: (folder, _args, ctx) => (folder.parent_id ? ctx.loaders.folder.load(folder.parent_id) : null),
  looks: async (folder, _args, ctx) => {
    const looks = await ctx.looker.folderLooks(String(folder.id));
    for (const look of looks) if (look.id) ctx.loaders.look.prime(look.id, look);
    return looks;
  },
  dashboards: (folder, _args, ctx) => ctx.looker.folderDashboards(String(folder.id)),
};
