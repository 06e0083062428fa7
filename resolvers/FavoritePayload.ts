import type { FavoritePayloadResolvers } from '../src/generated/resolvers-types';

/** `setFavorite`'s answer: whether the content is now a favorite, and the content. */
export const FavoritePayload: FavoritePayloadResolvers = {
  favorite: (outcome) => outcome.value?.favorite ?? false,
  look: (outcome, _args, ctx) => (outcome.value?.lookId ? ctx.loaders.look.load(outcome.value.lookId) : null),
  dashboard: (outcome, _args, ctx) =>
    outcome.value?.dashboardId ? ctx.loaders.dashboard.load(outcome.value.dashboardId) : null,
  change: (outcome) => outcome.change,
};
