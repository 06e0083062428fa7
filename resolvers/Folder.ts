import { searchPage } from '../src/loaders/search-page';
import type { FolderResolvers } from '../src/generated/resolvers-types';

/** A folder; its parent is batched with other folders, its content is one search per folder and page. */
export const Folder: FolderResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.folder.load(ref.id),
  id: (folder) => String(folder.id),
  parent: (folder, _args, ctx) => (folder.parent_id ? ctx.loaders.folder.load(folder.parent_id) : null),
  looks: (folder, args, ctx) =>
    searchPage({ ...args, folderId: String(folder.id) }, ctx.loaders.search.looks, ctx.loaders.look),
  dashboards: (folder, args, ctx) =>
    searchPage({ ...args, folderId: String(folder.id) }, ctx.loaders.search.dashboards, ctx.loaders.dashboard),
};
