import type { ILookmlModelExplore } from '@looker/sdk';
import type { Context } from '../src/context';
import type { ExploreResolvers } from '../src/generated/resolvers-types';

/** The explore's fields: present when the explore was fetched whole, else loaded (once per request). */
async function fieldsOf(explore: ILookmlModelExplore, ctx: Context) {
  if (explore.fields) return explore.fields;
  const loaded = await ctx.loaders.explore.load({ model: explore.model_name ?? '', name: explore.name ?? '' });
  return loaded?.fields ?? {};
}

/** An explore of a LookML model. */
export const Explore: ExploreResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.explore.load({ model: ref.model, name: ref.name }),
  model: (explore) => explore.model_name ?? '',
  name: (explore) => explore.name ?? '',
  dimensions: async (explore, _args, ctx) => (await fieldsOf(explore, ctx)).dimensions ?? [],
  measures: async (explore, _args, ctx) => (await fieldsOf(explore, ctx)).measures ?? [],
};
