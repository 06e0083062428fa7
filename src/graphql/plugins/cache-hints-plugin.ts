import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { cacheControlFromInfo } from '@apollo/cache-control-types';
import { getNamedType } from 'graphql';
import type { Context } from '../../context/context';

/** How long answers may be kept by a cache in front of the subgraph, from the shared cache's TTLs. */
export interface CacheHintOptions {
  /** Seconds metadata may be kept (fields returning objects default to it). */
  readonly metadataMaxAge: number;
  /** Seconds query results may be kept (`result`, `runQuery`). */
  readonly resultMaxAge: number;
  /**
   * `public` only where the router in front enforces the same scopes (the `--requires-scopes` schema)
   * and every caller reads Looker as the same identity. Otherwise `private`.
   */
  readonly scope: 'private' | 'public';
}

/**
 * Puts a `Cache-Control` header on every GraphQL answer, computed from the fields served.
 * It uses Apollo's cache-control hints: objects default to the metadata TTL, results set the result
 * TTL, and the caller's own `viewer` is never kept. The header is:
 * - `private, max-age=N` by default;
 * - `public` only where configured;
 * - `no-store` for answers with errors (a FORBIDDEN field included) or nothing to keep.
 */
export function cacheHintsPlugins(options: CacheHintOptions): ApolloServerPlugin<Context>[] {
  return [
    {
      async requestDidStart() {
        return {
          async executionDidStart() {
            return {
              willResolveField({ info }) {
                // Runs after Apollo's own hook (listed last: hooks run in reverse), which set up `info.cacheControl`.
                const type = getNamedType(info.returnType).name;
                if (type === 'QueryResult') cacheControlFromInfo(info).setCacheHint({ maxAge: options.resultMaxAge });
                else if (type === 'Viewer') cacheControlFromInfo(info).setCacheHint({ maxAge: 0 });
              },
            };
          },
          async willSendResponse({ response, overallCachePolicy }) {
            const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
            const policy = overallCachePolicy.policyIfCacheable();
            const keep = (body.errors ?? []).length === 0 && policy !== null && policy.maxAge > 0;
            const scope = options.scope === 'public' && policy?.scope !== 'PRIVATE' ? 'public' : 'private';
            response.http.headers.set('cache-control', keep ? `${scope}, max-age=${policy.maxAge}` : 'no-store');
            // What a caller may see depends on their token: a cache that keeps the answer keeps it per token.
            if (keep) response.http.headers.set('vary', 'authorization');
          },
        };
      },
    },
    // Listed after ours on purpose: Apollo runs execution hooks in reverse order, and this one must
    // set up `info.cacheControl` before ours reads it.
    ApolloServerPluginCacheControl({ defaultMaxAge: options.metadataMaxAge, calculateHttpHeaders: false }),
  ];
}
