import type { LookerClient } from '../looker/looker-client';
import type { RequestCache } from './request-cache';

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
): (key: SuggestionKey) => Promise<string[]> {
  return (key) => {
    // Filters in a canonical order, so `{a, b}` and `{b, a}` share one entry.
    const filters = key.filters ? Object.entries(key.filters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
    return cache.load(
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
  };
}
