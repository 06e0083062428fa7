import type { IFolder, ILookWithDashboards } from '@looker/sdk';
import type { ContentStore } from './content-store';
import { dashboardBase } from './dashboard-view';
import { folderBase } from './folder-base';
import type { FolderDef } from './folders';
import { look } from './look-view';
import type { ViewContext } from './view-context';

/** A folder in Looker's `Folder` shape: its looks and dashboards the caller may see. */
export function folderWithContent(folder: FolderDef, store: ContentStore, ctx: ViewContext): IFolder {
  const looks: ILookWithDashboards[] = store.looks
    .filter((l) => l.def.folderId === folder.id && !l.deleted)
    .map((l) => ({
      ...look(l, store, ctx),
      dashboards: store.dashboards
        .filter((d) => ctx.policy.canSeeFolder(d.def.folderId) && d.elements.some((e) => e.look?.def.id === l.def.id))
        .map((d) => dashboardBase(d, store, ctx)),
    }));
  const dashboards = store.dashboards
    .filter((d) => d.def.folderId === folder.id && !d.deleted)
    .map((d) => dashboardBase(d, store, ctx));
  return { ...folderBase(folder, store, ctx), looks, dashboards };
}
