import type { ILookmlModelExplore } from '@looker/sdk';
import { badUserInput, boundedList, boundedText, maxFilterExpressionLength } from '../src/input/arguments';
import type { Context } from '../src/context/context';
import type { ExploreResolvers, ExploreSuggestionsArgs } from '../src/generated/resolvers-types';

/** Longest search term of a suggestion (as `looks(search:)`). */
const maxSuggestionTerm = 200;
/** Most filters one suggestion request may carry. */
const maxSuggestionFilters = 50;

/** The explore's fields: present when the explore was fetched whole, else loaded (once per request). */
async function fieldsOf(explore: ILookmlModelExplore, ctx: Context) {
  if (explore.fields) return explore.fields;
  const loaded = await ctx.loaders.explore.load({ model: explore.model_name ?? '', name: explore.name ?? '' });
  return loaded?.fields ?? {};
}

/**
 * Suggested values of one field. The field must be one of the explore's dimensions (checked against its
 * fields, which the explore already carries or loads once), so a typo is BAD_USER_INPUT saying
 * what to fix rather than Looker's bare 404.
 */
async function suggestionsOf(
  explore: ILookmlModelExplore,
  args: ExploreSuggestionsArgs,
  ctx: Context,
): Promise<string[]> {
  const term = args.term ? boundedText('term', args.term, maxSuggestionTerm) : undefined;
  const filters = boundedList('filters', args.filters ?? [], maxSuggestionFilters).map((f, i) => [
    boundedText(`filters[${i}].field`, f.field, 300),
    boundedText(`filters[${i}].expression`, f.expression, maxFilterExpressionLength),
  ]);
  const fields = await fieldsOf(explore, ctx);
  const model = explore.model_name ?? '';
  const name = explore.name ?? '';
  // Looker suggests values of dimensions only: a measure has no values of its own to filter by.
  if (!(fields.dimensions ?? []).some((f) => f.name === args.field)) {
    throw badUserInput(
      'field',
      `Field "${args.field.slice(0, 300)}" is not a dimension of explore "${model}::${name}": name one of its dimensions as \`view.field\` (see Explore.dimensions).`,
    );
  }
  return ctx.loaders.suggestions({
    model,
    explore: name,
    field: args.field,
    term,
    filters: filters.length > 0 ? Object.fromEntries(filters) : undefined,
  });
}

/** An explore of a LookML model. */
export const Explore: ExploreResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.explore.load({ model: ref.model, name: ref.name }),
  model: (explore) => explore.model_name ?? '',
  name: (explore) => explore.name ?? '',
  dimensions: async (explore, _args, ctx) => (await fieldsOf(explore, ctx)).dimensions ?? [],
  measures: async (explore, _args, ctx) => (await fieldsOf(explore, ctx)).measures ?? [],
  filterOnlyFields: async (explore, _args, ctx) => (await fieldsOf(explore, ctx)).filters ?? [],
  parameters: async (explore, _args, ctx) => (await fieldsOf(explore, ctx)).parameters ?? [],
  suggestions: (explore, args, ctx) => suggestionsOf(explore, args, ctx),
};
