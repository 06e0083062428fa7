import type { LookmlModelResolvers } from '../src/generated/resolvers-types';

/** A LookML model. Its explores are listed without fields; fields load only when asked for. */
export const LookmlModel: LookmlModelResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.model.load(ref.name),
  name: (model) => model.name ?? '',
  explores: (model) =>
    (model.explores ?? []).map((explore) => ({
      model_name: model.name ?? '',
      name: explore.name ?? '',
      label: explore.label ?? null,
      description: explore.description ?? null,
      hidden: explore.hidden ?? false,
    })),
};
