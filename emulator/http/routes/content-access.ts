import type { ResolvedDashboard, ResolvedLook } from '../../content/content-store';
import type { FolderDef } from '../../content/folders';
import type { ViewContext } from '../../content/view-context';
import type { RouteContext } from '../api-router';
import { ApiError, notFound } from '../errors';

/** The view context of a request: instance URL and the caller's access. */
export function viewContext(ctx: RouteContext): ViewContext {
  return { webUrl: ctx.services.webUrl(), policy: ctx.caller.policy };
}

/** Looks in folders the caller may see, soft-deleted ones included (listings leave those out). */
export function visibleLooks(ctx: RouteContext): ResolvedLook[] {
  return ctx.services.content.looks.filter((l) => ctx.caller.policy.canSeeFolder(l.def.folderId));
}

/**
 * What a search starts from: without a `deleted` parameter Looker's searches leave soft-deleted
 * content out; with one, the `deleted` criterion picks.
 */
export function searchable<T extends { deleted: boolean }>(ctx: RouteContext, items: readonly T[]): T[] {
  return ctx.params.string('deleted') === undefined ? items.filter((i) => !i.deleted) : [...items];
}

/**
 * Throws unless the caller may write into the folder: 404 when they cannot even see it (Looker
 * does not reveal it), 403 when they see it without edit access.
 */
export function requireEditableFolder(ctx: RouteContext, folderId: string | null | undefined): void {
  const folder = folderId ? ctx.services.content.folder(folderId) : undefined;
  if (!folder || !ctx.caller.policy.canSeeFolder(folder.id)) throw notFound();
  if (!ctx.caller.policy.canEditFolder(folder.id)) throw new ApiError(403);
}

/**
 * Whether the caller may see a dashboard: one in a folder they may see, or a LookML dashboard of a
 * model they may use (LookML dashboards follow the model's access, not a folder's).
 */
function canSeeDashboard(ctx: RouteContext, d: ResolvedDashboard): boolean {
  return d.def.lookmlModel
    ? ctx.caller.policy.canUseModel(d.def.lookmlModel)
    : ctx.caller.policy.canSeeFolder(d.def.folderId);
}

/** Dashboards the caller may see, LookML dashboards included. */
export function visibleDashboards(ctx: RouteContext): ResolvedDashboard[] {
  return ctx.services.content.dashboards.filter((d) => canSeeDashboard(ctx, d));
}

/** Folders the caller may see. */
export function visibleFolders(ctx: RouteContext): FolderDef[] {
  return ctx.services.content.folders.filter((f) => ctx.caller.policy.canSeeFolder(f.id));
}

/** A look the caller may see, or 404 (Looker does not reveal content the caller may not see). */
export function requireLook(ctx: RouteContext, id: string): ResolvedLook {
  const look = ctx.services.content.look(id);
  if (!look || !ctx.caller.policy.canSeeFolder(look.def.folderId)) throw notFound();
  return look;
}

/** A dashboard the caller may see, or 404. */
export function requireDashboard(ctx: RouteContext, id: string): ResolvedDashboard {
  const dashboard = ctx.services.content.dashboard(id);
  if (!dashboard || !canSeeDashboard(ctx, dashboard)) throw notFound();
  return dashboard;
}

/** A folder the caller may see, or 404. */
export function requireFolder(ctx: RouteContext, id: string): FolderDef {
  const folder = ctx.services.content.folder(id);
  if (!folder || !ctx.caller.policy.canSeeFolder(folder.id)) throw notFound();
  return folder;
}

/** Throws 404 unless the caller's model set contains the model (Looker hides models outside it). */
export function requireModel(ctx: RouteContext, model: string): void {
  if (!ctx.caller.policy.canUseModel(model)) throw notFound();
}

/** The paging parameters of a request. */
export function paging(ctx: RouteContext): { limit?: number; offset?: number; page?: number; perPage?: number } {
  return {
    limit: ctx.params.int('limit'),
    offset: ctx.params.int('offset'),
    page: ctx.params.int('page'),
    perPage: ctx.params.int('per_page'),
  };
}
