import { badUserInput } from '../input/arguments';

/** One item of a page and the cursor that points just after it. */
export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

/** A page of a connection (Relay style). */
export interface Page<T> {
  readonly edges: readonly Edge<T>[];
  readonly nodes: readonly T[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  /** How many items the whole list holds; null when unknown. */
  readonly totalCount: number | null;
}

/** Largest page a caller may ask for. */
export const maxPageSize = 200;

const cursorPrefix = 'offset:';

/** Encodes a position as an opaque cursor; clients must not rely on its content. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${cursorPrefix}${offset}`).toString('base64url');
}

/** Validates `first`/`after` and returns the window to fetch. */
export function pageWindow(
  first: number | null | undefined,
  after: string | null | undefined,
): { offset: number; limit: number } {
  const limit = first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
    throw badUserInput('first', `Argument "first" must be between 1 and ${maxPageSize}.`);
  }
  if (after === null || after === undefined) return { offset: 0, limit };
  const decoded = Buffer.from(after, 'base64url').toString();
  const offset = Number(decoded.slice(cursorPrefix.length));
  if (!decoded.startsWith(cursorPrefix) || !Number.isSafeInteger(offset) || offset < 0) {
    throw badUserInput('after', 'Argument "after" is not a cursor this API issued.');
  }
  return { offset: offset + 1, limit };
}

/**
 * Builds a page from `limit + 1` fetched items: the extra one only tells that another page follows.
 * `totalCount` is the list's size as Looker counted it; without one, the last page still tells it
 * (its offset plus its items), unless it is empty past the start (the list may end anywhere before).
 */
export function toPage<T>(items: readonly T[], offset: number, limit: number, totalCount?: number): Page<T> {
  const nodes = items.slice(0, limit);
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  const hasNextPage = items.length > limit;
  const counted = !hasNextPage && (items.length > 0 || offset === 0) ? offset + items.length : null;
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: totalCount ?? counted,
  };
}
