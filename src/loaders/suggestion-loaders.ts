import type { LookerClient } from '../looker/looker-client';
import type { RequestCache } from './request-cache';
import type { RowScope } from '../row-filters';

/** What decides one list of suggested values. */
export interface SuggestionKey {
  readonly model: string;
  readonly explore: string;
  /** Fully qualified: `view.field`. */
  readonly field: string;
  readonly term?: string;
  /** Field → Looker filter expression. */
  readonly filters?: Readonly<Record<string, string>>;
}

/**
 * Suggested values of explore fields (Looker's filter suggestions), cached as metadata.
 * The same field, term and filters answer the same list for the TTL, per Looker identity.
 */
export function createFieldSuggestions(
  client: LookerClient,
  cache: RequestCache,
  rows?: RowScope,
): (key: SuggestionKey) => Promise<string[]> {
  return async (key) => {
    // Under a row filter the forced values join the filters (and so the cache key); a suggestion of
    // the forced field itself shows only the values the caller may read.
    const scoped = rows
      ? await rows.restrictSuggestions(key.model, key.explore, key.field, key.filters)
      : { filters: key.filters };
    const given = scoped.filters;
    // Filters in a canonical order, so `{a, b}` and `{b, a}` share one entry.
    const filters = given ? Object.entries(given).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
    const values = await cache.load(
      'metadata',
      ['suggestions', key.model, key.explore, key.field, key.term ?? '', filters],
      () =>
        client.fieldSuggestions(
          key.model,
          key.explore,
          key.field,
          key.term,
          filters.length > 0 ? Object.fromEntries(filters) : undefined,
        ),
      { resources: () => [`explore:${key.model}/${key.explore}`] },
    );
    const allowed = 'allowed' in scoped ? scoped.allowed : undefined;
    return allowed ? values.filter((v) => allowed.has(v)) : values;
  };
}
