import type { IFolderBase } from '@looker/sdk';
import type { Context } from '../context/context';
import { graphqlError } from '../errors';
import { badUserInput } from '../input/arguments';
import type { FolderRef } from '../policy';
import type { WriteCaller } from './write-grants';

/** Deepest folder tree walked up to a root. */
const maxFolderDepth = 16;

/** A folder with its ancestors, from the folder up: ids, and names from the root when the walk reached one. */
interface FolderChain {
  readonly ids: ReadonlySet<string>;
  /** Names from the root down to the folder; undefined when an ancestor could not be read. */
  readonly path: readonly string[] | undefined;
}

async function folderChain(ctx: Context, folderId: string, argumentName: string): Promise<FolderChain> {
  const chain: IFolderBase[] = [];
  let next: string | null | undefined = folderId;
  while (next && chain.length < maxFolderDepth) {
    // The folder loader is batched and cached (tagged by folder): a folder's ancestry costs reads
    // once, then nothing until the metadata TTL.
    const folder: IFolderBase | null = await ctx.loaders.folder.load(next);
    if (!folder) {
      if (chain.length === 0)
        throw badUserInput(argumentName, `Argument "${argumentName}": no folder ${folderId} that this caller can see.`);
      return { ids: new Set(chain.map((f) => String(f.id))), path: undefined };
    }
    chain.push(folder);
    next = folder.parent_id;
  }
  const reachedRoot = !next;
  return {
    ids: new Set(chain.map((f) => String(f.id))),
    path: reachedRoot ? chain.map((f) => f.name ?? '').reverse() : undefined,
  };
}

function covers(ref: FolderRef, chain: FolderChain): boolean {
  if ('id' in ref) return chain.ids.has(ref.id);
  const path = chain.path;
  return path !== undefined && ref.path.length <= path.length && ref.path.every((name, i) => path[i] === name);
}

function describe(ref: FolderRef): string {
  return 'id' in ref ? `folder ${ref.id}` : `"${ref.path.join('/')}"`;
}

/**
 * Refuses a write to a folder outside the caller's grants (FORBIDDEN, naming the rules and the
 * folders they allow), before any write: each rule's folders include their subfolders, by id or
 * by path of names from a root. Returns the rules that allow it.
 */
export async function assertWritableFolder(
  ctx: Context,
  caller: WriteCaller,
  folderId: string,
  argumentName: string,
): Promise<readonly string[]> {
  const chain = await folderChain(ctx, folderId, argumentName);
  const allowing = caller.grants.filter((g) => g.grant.folders.some((ref) => covers(ref, chain)));
  if (allowing.length > 0) return allowing.map((g) => g.rule);
  const where = chain.path ? ` ("${chain.path.join('/')}")` : '';
  const allowed = caller.grants
    .map((g) => `${g.rule}: ${g.grant.folders.length > 0 ? g.grant.folders.map(describe).join(', ') : 'no folders'}`)
    .join('; ');
  throw graphqlError(
    'FORBIDDEN',
    `Folder ${folderId}${where} is outside the folders the policy lets this caller write in (${allowed}), with their subfolders`,
    { argumentName, policy: 'writes.folders', rules: caller.grants.map((g) => g.rule) },
  );
}

/**
 * The folder checks of a change to content in folder `from`: it, and the new folder on a move
 * (`body.folder_id`), must be writable. The rules that allow the change, and the folders it touches.
 */
export async function assertWritableChange(
  ctx: Context,
  caller: WriteCaller,
  from: string,
  body: Readonly<Record<string, unknown>>,
): Promise<{ rules: string[]; folders: string[] }> {
  const rules = [...(await assertWritableFolder(ctx, caller, from, 'id'))];
  const to = typeof body.folder_id === 'string' && body.folder_id !== from ? body.folder_id : undefined;
  if (to !== undefined) rules.push(...(await assertWritableFolder(ctx, caller, to, 'input.folderId')));
  return { rules: [...new Set(rules)], folders: [`folder:${from}`, ...(to !== undefined ? [`folder:${to}`] : [])] };
}
