import type { IDashboard } from '@looker/sdk';
import { contentTags } from '../cache';
import type { Context } from '../context/context';
import type { CreateDashboardInput, UpdateDashboardInput } from '../generated/resolvers-types';
import { contentId } from '../input/arguments';
import { idempotencyKey, writeDescription, writeTitle } from '../input/write-bounds';
import { assertWritableChange, assertWritableFolder } from './folder-scope';
import { guardedWrite, type WriteOutcome, type WritePreview } from './guarded-write';
import type { WriteCaller } from './write-grants';
import { changes, changesFrom, nullIfNotFound, requireFound } from './write-values';

/** Fields a write reads of the dashboard it changes. */
const dashboardFields = 'id,title,description,folder_id,deleted,content_metadata_id,created_at,updated_at';

/** The dashboard as it is now (one read, never from the cache; deleted ones too). */
export async function currentDashboard(ctx: Context, id: string, argumentName = 'id'): Promise<IDashboard> {
  const dashboard = await ctx.looker
    .read('dashboard', (sdk, settings) => sdk.dashboard(id, dashboardFields, settings))
    .catch(nullIfNotFound);
  return requireFound(dashboard, argumentName, `dashboard ${id}`);
}

/**
 * The checks of any change to a dashboard or what belongs to it (tiles, filters): its folder, and
 * the new one on a move, must be writable. LookML dashboards live in LookML, not in a folder:
 * refused.
 */
export async function dashboardChange(
  ctx: Context,
  caller: WriteCaller,
  dashboard: IDashboard,
  body: Record<string, unknown>,
): Promise<WritePreview> {
  const id = String(dashboard.id);
  const from = String(dashboard.folder_id ?? dashboard.folder?.id ?? '');
  const { rules, folders } = await assertWritableChange(ctx, caller, from, body);
  const before = {
    title: dashboard.title,
    description: dashboard.description,
    folder_id: from,
    deleted: dashboard.deleted ?? false,
  };
  return {
    body,
    changed: changesFrom(before, body),
    resources: [`dashboard:${id}`, ...folders],
    // Search pages hold titles, descriptions and folders: a tile or filter change leaves them as they were.
    evict: [
      contentTags.dashboard(id),
      ...(['title', 'description', 'folder_id', 'deleted'].some((k) => k in body) ? [contentTags.dashboards] : []),
    ],
    rules,
  };
}

/** `createDashboard`: create_dashboard (1 call), in a folder the policy allows. */
export function createDashboard(ctx: Context, input: CreateDashboardInput): Promise<WriteOutcome<IDashboard>> {
  const title = writeTitle('input.title', input.title);
  const description = writeDescription('input.description', input.description);
  const folderId = contentId('input.folderId', input.folderId);
  const body = { title, description, folder_id: folderId };
  return guardedWrite(ctx, {
    mutation: 'createDashboard',
    dryRun: input.dryRun === true,
    idempotencyKey: idempotencyKey('input.idempotencyKey', input.idempotencyKey),
    input: body,
    async check(caller) {
      const rules = await assertWritableFolder(ctx, caller, folderId, 'input.folderId');
      return {
        body,
        changed: changes({ title: [null, title], folder_id: [null, folderId] }),
        resources: [`folder:${folderId}`],
        // The listings (its folder's among them) are search pages: the kind's tag. The folder itself is unchanged.
        evict: [contentTags.dashboards],
        rules,
      };
    },
    write: () => ctx.looker.write('create_dashboard', (sdk, settings) => sdk.create_dashboard(body, settings)),
    written: (dashboard) => [`dashboard:${dashboard.id}`],
  });
}

/** `updateDashboard`: update_dashboard (1 call). */
export function updateDashboard(
  ctx: Context,
  idArg: string,
  input: UpdateDashboardInput,
  dryRun: boolean,
): Promise<WriteOutcome<IDashboard>> {
  const id = contentId('id', idArg);
  const body: Record<string, unknown> = {
    ...(input.title != null && { title: writeTitle('input.title', input.title) }),
    ...(input.description != null && { description: writeDescription('input.description', input.description) }),
    ...(input.folderId != null && { folder_id: contentId('input.folderId', input.folderId) }),
  };
  return guardedWrite(ctx, {
    mutation: 'updateDashboard',
    dryRun,
    input: body,
    check: async (caller) => dashboardChange(ctx, caller, await currentDashboard(ctx, id), body),
    write: () => ctx.looker.write('update_dashboard', (sdk, settings) => sdk.update_dashboard(id, body, settings)),
    current: () => currentDashboard(ctx, id),
  });
}

/** `deleteDashboard` / `restoreDashboard`: update_dashboard with `deleted` (1 call), Looker's soft delete. */
export function setDashboardDeleted(
  ctx: Context,
  idArg: string,
  deleted: boolean,
  dryRun: boolean,
): Promise<WriteOutcome<IDashboard>> {
  const id = contentId('id', idArg);
  const body = { deleted };
  return guardedWrite(ctx, {
    mutation: deleted ? 'deleteDashboard' : 'restoreDashboard',
    dryRun,
    input: body,
    check: async (caller) => dashboardChange(ctx, caller, await currentDashboard(ctx, id), body),
    write: () => ctx.looker.write('update_dashboard', (sdk, settings) => sdk.update_dashboard(id, body, settings)),
    current: () => currentDashboard(ctx, id),
  });
}
