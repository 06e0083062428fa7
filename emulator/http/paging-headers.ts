import { applyPaging } from '../content/search';
import type { RouteContext } from './api-router';
import { paging } from './routes/content-access';

/**
 * Looker's paging headers (sdk-codegen `docs/paging.md`): a request with `limit` (or `per_page`)
 * gets `X-Total-Count` and a `Link` header whose `first`, `last`, `prev` and `next` URIs use `limit`
 * and `offset` even when the request used `page`/`per_page`. `next` is present only while a page
 * follows, since the SDK's pager (`sdk-rtl/src/paging.ts`, `more()`) pages on for as long as it is.
 */
export function pagingHeaders(ctx: RouteContext, total: number): void {
  const { limit: givenLimit, offset: givenOffset, page, perPage } = paging(ctx);
  const limit = givenLimit ?? perPage;
  if (limit === undefined || limit <= 0) return;
  const offset = Math.max(
    0,
    givenOffset ?? (givenLimit === undefined && page !== undefined ? (Math.max(1, page) - 1) * limit : 0),
  );
  const url = new URL(ctx.req.originalUrl, ctx.services.webUrl());
  url.searchParams.delete('page');
  url.searchParams.delete('per_page');
  const link = (at: number, rel: string): string => {
    url.searchParams.set('limit', String(limit));
    url.searchParams.set('offset', String(at));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links = [link(0, 'first'), link(Math.max(0, Math.floor((total - 1) / limit) * limit), 'last')];
  if (offset + limit < total) links.push(link(offset + limit, 'next'));
  if (offset > 0) links.push(link(Math.max(0, offset - limit), 'prev'));
  ctx.res.set('X-Total-Count', String(total)).set('Link', links.join(', '));
}

/** One page of `items` by the request's paging parameters, with Looker's paging headers set. */
export function pageWithHeaders<T>(ctx: RouteContext, items: readonly T[]): T[] {
  pagingHeaders(ctx, items.length);
  return applyPaging(items, paging(ctx));
}
