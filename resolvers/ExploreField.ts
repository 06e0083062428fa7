import type { ExploreFieldResolvers } from '../src/generated/resolvers-types';

/** A dimension or measure of an explore. */
export const ExploreField: ExploreFieldResolvers = {
  name: (field) => field.name ?? '',
  label: (field) => field.label ?? field.label_short ?? null,
  type: (field) => field.type ?? 'string',
  view: (field) => field.view ?? '',
  hidden: (field) => field.hidden ?? false,
  drillFields: (field) => field.drill_fields ?? [],
  // Links without a label or URL cannot be shown; Looker's spec says both are always there.
  links: (field) =>
    (field.links ?? []).flatMap((link) =>
      link.label && link.url ? [{ label: link.label, url: link.url, iconUrl: link.icon_url ?? null }] : [],
    ),
};
