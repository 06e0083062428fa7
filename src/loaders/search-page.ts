import type DataLoader from 'dataloader';
import { boundedText, contentId } from '../input/arguments';
import type { ContentSearch, SearchAnswer } from '../looker/looker-client';
import { pageWindow, toPage, type Page } from './page';

/** Arguments of a content connection. */
export interface PageArgs {
  readonly search?: string | null;
  readonly folderId?: string | null;
  readonly parentId?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

/** Longest `search` string a connection accepts: a title fragment, not a document. */
export const maxSearchLength = 200;

/**
 * One page of a content search, fetched as `limit + 1` items in one Looker call, with the list's
 * size Looker sends in that same answer. The items found prime the request's loader, so a field
 * that asks for the same item again costs no further call.
 */
export async function searchPage<T extends { id?: string | null }>(
  args: PageArgs,
  search: (criteria: ContentSearch) => Promise<SearchAnswer<T>>,
  loader: DataLoader<string, T | null>,
): Promise<Page<T>> {
  const { offset, limit } = pageWindow(args.first, args.after);
  const { items, totalCount } = await search({
    title:
      args.search === null || args.search === undefined
        ? undefined
        : boundedText('search', args.search, maxSearchLength),
    folderId: args.folderId ? contentId('folderId', args.folderId) : undefined,
    parentId: args.parentId ? contentId('parentId', args.parentId) : undefined,
    offset,
    limit: limit + 1,
  });
  for (const item of items) if (item.id) loader.prime(item.id, item);
  return toPage(items, offset, limit, totalCount);
}
