import { requirePrincipal } from '../directives';
import { badUserInput, boundedText, contentId, countArgument, lookmlName } from '../src/input/arguments';
import type { QueryResolvers } from '../src/generated/resolvers-types';
import { searchLookmlDashboards } from '../src/loaders/lookml-dashboard-search';
import { maxSearchLength, searchPage } from '../src/loaders/search-page';
import { LookerError } from '../src/looker/errors';
import { unknownExploreAsBadInput, writeQuery } from '../src/input/query-input';
import { inlineQuerySql, queryShareUrl } from '../src/loaders/result-loaders';
import { readQueryTask } from '../src/query-tasks';
import { selectsField } from '../src/input/selection';

/** Most LookML dashboards one `lookmlDashboards` answers. */
const maxLookmlDashboards = 100;

/** Root fields: entry points into Looker content, models and data. */
export const Query: QueryResolvers = {
  viewer: (_parent, _args, ctx) => requirePrincipal(ctx),

  look: (_parent, { id }, ctx) => ctx.loaders.look.load(contentId('id', id)),

  looks: (_parent, args, ctx) => searchPage(args, ctx.loaders.search.looks, ctx.loaders.look),

  dashboard: (_parent, { id }, ctx, info) => {
    const dashboardId = contentId('id', id);
    // A dashboard search does not say which filters each tile listens to, so the tiles of a dashboard
    // with filters come from `dashboard_dashboard_elements`. They are asked for alongside the dashboard,
    // not after it: one round trip less before the tiles' queries can run.
    if (selectsField(info, 'tiles')) ctx.loaders.prefetchDashboardElements(dashboardId);
    return ctx.loaders.dashboard.load(dashboardId);
  },

  dashboards: (_parent, args, ctx) => searchPage(args, ctx.loaders.search.dashboards, ctx.loaders.dashboard),

  lookmlDashboards: (_parent, { search, first }, ctx) =>
    searchLookmlDashboards(
      ctx.looker,
      ctx.loaders.cache,
      search ? boundedText('search', search, maxSearchLength) : '',
      countArgument('first', first, 20, maxLookmlDashboards),
    ),

  folder: (_parent, { id }, ctx) => ctx.loaders.folder.load(contentId('id', id)),

  folders: (_parent, args, ctx) => searchPage(args, ctx.loaders.search.folders, ctx.loaders.folder),

  lookmlModels: async (_parent, _args, ctx) => {
    const models = await ctx.loaders.allModels();
    for (const model of models) if (model.name) ctx.loaders.model.prime(model.name, model);
    return models;
  },

  lookmlModel: (_parent, { name }, ctx) => ctx.loaders.model.load(lookmlName('name', name)),

  explore: (_parent, { model, name }, ctx) =>
    ctx.loaders.explore.load({ model: lookmlName('model', model), name: lookmlName('name', name) }),

  runQuery: async (_parent, { input, refresh }, ctx) => {
    try {
      return await ctx.loaders.inlineResult.load({ query: writeQuery(input), refresh: refresh === true });
    } catch (error) {
      // Looker answers 404 for a model or explore that does not exist or is outside the user's model set.
      if (error instanceof LookerError && error.code === 'NOT_FOUND') {
        throw badUserInput(
          'input.view',
          `Explore "${input.model}::${input.view}" does not exist or is not accessible.`,
        );
      }
      throw error;
    }
  },

  // The SQL and the link show the query as it would run: with the caller's row filters in it.
  querySql: (_parent, { input }, ctx) =>
    ctx.loaders.rows
      .restrict(writeQuery(input))
      .then((query) => inlineQuerySql(ctx.looker, ctx.loaders.cache, query))
      .catch(unknownExploreAsBadInput(input)),

  queryUrl: (_parent, { input }, ctx) =>
    ctx.loaders.rows
      .restrict(writeQuery(input))
      .then((query) => queryShareUrl(ctx.looker, ctx.loaders.cache, query))
      .catch(unknownExploreAsBadInput(input)),

  queryTask: (_parent, { id }, ctx) => readQueryTask(ctx, id),
};
