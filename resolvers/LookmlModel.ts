import type { LookmlModelResolvers } from '../src/generated/resolvers-types';

/** A LookML model. Its explores are listed without fields; fields load only when asked for. */
export const LookmlModel: LookmlModelResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.model.load(ref.name),
  name: (model) => model.name ?? '',
  // A model named by a look carries no explores: load the model (once per request) for them.
  explores: async (model, _args, ctx) =>
    (model.explores ?? (model.name ? (await ctx.loaders.model.load(model.name))?.explores : undefined) ?? []).map(
      (explore) => ({
        model_name: model.name ?? '',
        name: explore.name ?? '',
        label: explore.label ?? null,
        description: explore.description ?? null,
        hidden: explore.hidden ?? false,
      }),
    ),
};
