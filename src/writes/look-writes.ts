import type { ILook, ILookWithQuery, IWriteQuery } from '@looker/sdk';
import { contentTags } from '../cache';
import type { Context } from '../context/context';
import type { CreateLookInput, UpdateLookInput } from '../generated/resolvers-types';
import { contentId } from '../input/arguments';
import { writeQuery } from '../input/query-input';
import { idempotencyKey, writeDescription, writeTitle, writeVisConfig } from '../input/write-bounds';
import { assertWritableChange, assertWritableFolder } from './folder-scope';
import { guardedWrite, type WriteOutcome, type WritePreview } from './guarded-write';
import { checkQueryFields } from './query-check';
import { changes, changesFrom, nullIfNotFound, requireFound } from './write-values';
import type { WriteCaller } from './write-grants';

/** A query with its `vis_config`: Looker keeps a look's visualization on its query. */
function lookQuery(
  input: { query?: CreateLookInput['query'] | null; visConfig?: Record<string, unknown> | null },
  argumentName: string,
): IWriteQuery | undefined {
  if (!input.query) return undefined;
  const vis = writeVisConfig(`${argumentName}.visConfig`, input.visConfig);
  return { ...writeQuery(input.query), ...(vis && { vis_config: vis }) };
}

/** `createLook`: create_query, then create_look with its id (2 Looker calls), in a folder the policy allows. */
export function createLook(ctx: Context, input: CreateLookInput): Promise<WriteOutcome<ILookWithQuery>> {
  const title = writeTitle('input.title', input.title);
  const description = writeDescription('input.description', input.description);
  const folderId = contentId('input.folderId', input.folderId);
  const query = lookQuery(input, 'input') as IWriteQuery;
  return guardedWrite(ctx, {
    mutation: 'createLook',
    dryRun: input.dryRun === true,
    idempotencyKey: idempotencyKey('input.idempotencyKey', input.idempotencyKey),
    input: { title, description, folderId, query },
    async check(caller) {
      const rules = await assertWritableFolder(ctx, caller, folderId, 'input.folderId');
      await checkQueryFields(ctx, 'input.query', query);
      return {
        body: { title, description, folder_id: folderId, query },
        changed: changes({ title: [null, title], folder_id: [null, folderId] }),
        resources: [`folder:${folderId}`],
        // The listings (its folder's among them) are search pages: the kind's tag. The folder itself is unchanged.
        evict: [contentTags.looks],
        rules,
      };
    },
    async write() {
      const queryId = await ctx.looker.createQuery(query);
      return ctx.looker.write('create_look', (sdk, settings) =>
        sdk.create_look({ title, description, folder_id: folderId, query_id: queryId }, undefined, settings),
      );
    },
    written: (look) => [`look:${look.id}`],
  });
}

/** Fields a write reads of the look it changes. */
const lookFields =
  'id,title,description,folder_id,deleted,query_id,content_metadata_id,created_at,updated_at,model(id,label)';

/**
 * The look as it is now (one read, never from the cache: the checks must see its folder as it is,
 * and a deleted look, which searches leave out, to restore it).
 */
async function currentLook(ctx: Context, id: string): Promise<ILook> {
  const look = await ctx.looker
    .read('look', (sdk, settings) => sdk.look(id, lookFields, settings))
    .catch(nullIfNotFound);
  return requireFound(look, 'id', `look ${id}`);
}

/** The preview of a change to a look: its folder (and the new one, on a move) must be writable. */
async function lookChange(
  ctx: Context,
  caller: WriteCaller,
  look: ILook,
  body: Record<string, unknown>,
): Promise<WritePreview> {
  const id = String(look.id);
  const from = String(look.folder_id ?? look.folder?.id ?? '');
  const { rules, folders } = await assertWritableChange(ctx, caller, from, body);
  const before = { title: look.title, description: look.description, folder_id: from, deleted: look.deleted ?? false };
  return {
    body,
    changed: changesFrom(before, body),
    resources: [`look:${id}`, ...folders],
    evict: [contentTags.look(id), contentTags.looks],
    rules,
  };
}

/** `updateLook`: update_look (1 call; 2 with a new query: create_query first). */
export function updateLook(
  ctx: Context,
  idArg: string,
  input: UpdateLookInput,
  dryRun: boolean,
): Promise<WriteOutcome<ILookWithQuery>> {
  const id = contentId('id', idArg);
  const body: Record<string, unknown> = {
    ...(input.title != null && { title: writeTitle('input.title', input.title) }),
    ...(input.description != null && { description: writeDescription('input.description', input.description) }),
    ...(input.folderId != null && { folder_id: contentId('input.folderId', input.folderId) }),
  };
  const query = lookQuery(input, 'input');
  if (query) body.query = query;
  return guardedWrite(ctx, {
    mutation: 'updateLook',
    dryRun,
    input: body,
    async check(caller) {
      if (query) await checkQueryFields(ctx, 'input.query', query);
      return lookChange(ctx, caller, await currentLook(ctx, id), body);
    },
    async write() {
      const { query: newQuery, ...rest } = body;
      const queryId = newQuery ? await ctx.looker.createQuery(newQuery as IWriteQuery) : undefined;
      return ctx.looker.write('update_look', (sdk, settings) =>
        sdk.update_look(id, { ...rest, ...(queryId && { query_id: queryId }) }, undefined, settings),
      );
    },
    current: () => currentLook(ctx, id),
  });
}

/** `deleteLook` / `restoreLook`: update_look with `deleted` (1 call), Looker's soft delete. */
export function setLookDeleted(
  ctx: Context,
  idArg: string,
  deleted: boolean,
  dryRun: boolean,
): Promise<WriteOutcome<ILookWithQuery>> {
  const id = contentId('id', idArg);
  const body = { deleted };
  return guardedWrite(ctx, {
    mutation: deleted ? 'deleteLook' : 'restoreLook',
    dryRun,
    input: body,
    check: async (caller) => lookChange(ctx, caller, await currentLook(ctx, id), body),
    write: () => ctx.looker.write('update_look', (sdk, settings) => sdk.update_look(id, body, undefined, settings)),
    current: () => currentLook(ctx, id),
  });
}
