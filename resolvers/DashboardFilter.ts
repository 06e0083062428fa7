import type { IDashboardFilter, ILookmlModelExploreField } from '@looker/sdk';
import { boundedList, boundedText, maxFilterExpressionLength } from '../src/input/arguments';
import type { Context } from '../src/context/context';
import type { DashboardFilterModel } from '../src/input/dashboard-filter';
import { dashboardFilterValues } from '../src/input/dashboard-tile';
import type { DashboardFilterResolvers, DashboardFilterSuggestionsArgs } from '../src/generated/resolvers-types';
import { filterControl } from '../src/input/filter-control';

/** Longest search term of a suggestion (as `Explore.suggestions`). */
const maxSuggestionTerm = 200;
/** Most filter values one suggestion request may carry (as `Dashboard.tiles(filters:)`). */
const maxSuggestionValues = 50;

/** The filter's dashboard's filters: carried from `Dashboard.filters`, else from the dashboard's detail call. */
async function siblingsOf(filter: DashboardFilterModel, ctx: Context): Promise<readonly IDashboardFilter[]> {
  if (filter.dashboardFilters) return filter.dashboardFilters;
  if (!filter.dashboard_id) return [filter];
  return (await ctx.loaders.dashboardDetail.load(filter.dashboard_id))?.dashboard_filters ?? [filter];
}

/**
 * Suggested values of a dashboard filter, as Looker's filter control offers them: the filter's
 * dimension's values (`model_fieldname_suggestions`), narrowed by the filters it listens to. Their
 * values are the caller's (`values`, by filter name) or their defaults; an empty value filters
 * nothing. Only listened filters on the same model and explore narrow it: a filter on another
 * explore names a field this explore may not have.
 */
async function suggestionsOf(
  filter: DashboardFilterModel,
  args: DashboardFilterSuggestionsArgs,
  ctx: Context,
): Promise<string[]> {
  const term = args.term ? boundedText('term', args.term, maxSuggestionTerm) : undefined;
  const choices = boundedList('values', args.values ?? [], maxSuggestionValues).map((choice, i) => ({
    name: boundedText(`values[${i}].name`, choice.name, 200),
    value: boundedText(`values[${i}].value`, choice.value, maxFilterExpressionLength),
  }));
  // A filter on no dimension (a date range without a field, a parameter) has no values to suggest.
  if (!filter.model || !filter.explore || !filter.dimension) return [];
  const siblings = await siblingsOf(filter, ctx);
  const values = dashboardFilterValues(
    { id: filter.dashboard_id ?? undefined, dashboard_filters: [...siblings] },
    choices,
  );
  const filters: Record<string, string> = {};
  for (const name of filter.listens_to_filters ?? []) {
    const other = siblings.find((s) => s.name === name);
    const value = values[name];
    if (
      !other?.dimension ||
      other.name === filter.name ||
      other.model !== filter.model ||
      other.explore !== filter.explore ||
      !value
    )
      continue;
    filters[other.dimension] = value;
  }
  return ctx.loaders.suggestions({
    model: filter.model,
    explore: filter.explore,
    field: filter.dimension,
    term,
    filters: Object.keys(filters).length > 0 ? filters : undefined,
  });
}

/** Looker's read-only `field` of a filter: the LookML field's metadata, null without one (a filter on no field). */
function filterField(field: IDashboardFilter['field']): ILookmlModelExploreField | null {
  return field && typeof field.name === 'string' ? (field as ILookmlModelExploreField) : null;
}

/** A dashboard filter, renamed from Looker's snake_case. */
export const DashboardFilter: DashboardFilterResolvers = {
  id: (filter) => String(filter.id),
  name: (filter) => filter.name ?? '',
  type: (filter) => filter.type ?? 'field_filter',
  defaultValue: (filter) => filter.default_value ?? null,
  // Looker's spec marks both non-nullable; an answer without them means false, as Looker creates filters.
  allowMultipleValues: (filter) => filter.allow_multiple_values ?? false,
  required: (filter) => filter.required ?? false,
  control: (filter) => filterControl(filter.ui_config),
  field: (filter) => filterField(filter.field),
  listensTo: (filter) => filter.listens_to_filters ?? [],
  suggestions: (filter, args, ctx) => suggestionsOf(filter, args, ctx),
};
