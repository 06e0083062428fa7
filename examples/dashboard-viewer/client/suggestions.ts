import type { DashboardFilter, FilterValue } from './dashboard-query';
import { graphql } from './graphql';

const DASHBOARD_FILTER_SUGGESTIONS = /* GraphQL */ `
  query FilterSuggestions($id: ID!, $term: String, $values: [DashboardFilterValue!]) {
    dashboard(id: $id) {
      filters {
        name
        suggestions(term: $term, values: $values)
      }
    }
  }
`;

const EXPLORE_SUGGESTIONS = /* GraphQL */ `
  query FieldSuggestions($model: String!, $explore: String!, $field: String!, $term: String) {
    explore(model: $model, name: $explore) {
      suggestions(field: $field, term: $term)
    }
  }
`;

/** Where suggestions come from: the dashboard filter itself when the schema has it, else its explore's field. */
export interface SuggestionSource {
  readonly token: string;
  readonly dashboardId: string;
  readonly useFilterField: boolean;
}

/**
 * Values Looker suggests for a dashboard filter containing `term`. Through
 * `DashboardFilter.suggestions` they honour the other filters it listens to (`values`); through
 * `Explore.suggestions` they are the dimension's values alone.
 */
export async function suggestValues(
  source: SuggestionSource,
  filter: DashboardFilter,
  term: string,
  values: readonly FilterValue[],
): Promise<readonly string[]> {
  if (source.useFilterField) {
    const answer = await graphql<{ dashboard: { filters: { name: string; suggestions: string[] }[] } | null }>(
      source.token,
      DASHBOARD_FILTER_SUGGESTIONS,
      { id: source.dashboardId, term, values },
    );
    return answer.data?.dashboard?.filters.find((candidate) => candidate.name === filter.name)?.suggestions ?? [];
  }
  if (!filter.model || !filter.explore || !filter.dimension) return [];
  const answer = await graphql<{ explore: { suggestions: string[] } | null }>(source.token, EXPLORE_SUGGESTIONS, {
    model: filter.model,
    explore: filter.explore,
    field: filter.dimension,
    term,
  });
  return answer.data?.explore?.suggestions ?? [];
}
