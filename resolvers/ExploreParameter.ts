import type { ExploreParameterResolvers } from '../src/generated/resolvers-types';

/** A parameter of an explore: Looker lists it as a field of category `parameter`. */
export const ExploreParameter: ExploreParameterResolvers = {
  name: (field) => field.name ?? '',
  label: (field) => field.label ?? field.label_short ?? null,
  type: (field) => field.type ?? 'string',
  view: (field) => field.view ?? '',
  hidden: (field) => field.hidden ?? false,
  // Looker lists a parameter's LookML `allowed_value`s as its enumerations; values may be numbers.
  allowedValues: (field) =>
    (field.has_allowed_values === false ? [] : (field.enumerations ?? [])).flatMap((v) =>
      v.value === null || v.value === undefined ? [] : [{ label: v.label ?? String(v.value), value: String(v.value) }],
    ),
  defaultValue: (field) => field.default_filter_value ?? null,
};
