import type { ExploreFieldResolvers } from '../src/generated/resolvers-types';

/** A dimension or measure of an explore. */
export const ExploreField: ExploreFieldResolvers = {
  name: (field) => field.name ?? '',
  label: (field) => field.label ?? field.label_short ?? null,
  type: (field) => field.type ?? 'string',
  view: (field) => field.view ?? '',
  hidden: (field) => field.hidden ?? false,
};
