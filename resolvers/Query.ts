import type { IWriteQuery } from '@looker/sdk';
import { GraphQLError } from 'graphql';
import { badUserInput, boundedList, boundedText, contentId, lookmlName, maxFilterExpressionLength, rowLimit } from '../src/arguments';
import type { Context } from '../src/context';
import type { QueryInput, QueryResolvers } from '../src/generated/resolvers-types';
import { searchPage } from '../src/loaders/search-page';
import { LookerError } from '../src/looker/errors';

/** Most fields, filters, sorts or pivots one ad-hoc query may name. */
const maxQueryListItems = 200;
/** Longest field reference (`view.field`, or a sort such as `view.field desc`). */
const maxFieldReferenceLength = 300;

/** Converts the GraphQL query input to Looker's `WriteQuery`, validating what Looker would not explain well. */
function writeQuery(input: QueryInput): IWriteQuery {
  lookmlName('input.model', input.model);
  lookmlName('input.view', input.view);
  if (input.fields.length === 0) throw badUserInput('input.fields', 'Argument "input.fields" must name at least one field.');
  const limit = rowLimit('input.limit', input.limit);
  const names = (argumentName: string, values: readonly string[] | null | undefined) =>
    values ? boundedList(argumentName, values, maxQueryListItems).map((v, i) => boundedText(`${argumentName}[${i}]`, v, maxFieldReferenceLength)) : undefined;
  const filters = boundedList('input.filters', input.filters ?? [], maxQueryListItems).map((f, i) => [
    boundedText(`input.filters[${i}].field`, f.field, maxFieldReferenceLength),
    boundedText(`input.filters[${i}].expression`, f.expression, maxFilterExpressionLength),
  ]);
  return {
    model: input.model,
    view: input.view,
    fields: names('input.fields', input.fields),
    filters: input.filters ? Object.fromEntries(filters) : undefined,
    sorts: names('input.sorts', input.sorts),
    pivots: names('input.pivots', input.pivots),
    limit: limit === undefined ? undefined : String(limit),
  };
}

function principalOf(ctx: Context) {
  if (!ctx.principal) throw new GraphQLError('Authentication required', { extensions: { code: 'UNAUTHENTICATED' } });
  return ctx.principal;
}

/** Root fields: entry points into Looker content, models and data. */
export const Query: QueryResolvers = {
  viewer: (_parent, _args, ctx) => principalOf(ctx),

  look: (_parent, { id }, ctx) => ctx.loaders.look.load(contentId('id', id)),

  looks: (_parent, args, ctx) => searchPage(args, (search) => ctx.looker.searchLooks(search), ctx.loaders.look),

  dashboard: (_parent, { id }, ctx) => ctx.loaders.dashboard.load(contentId('id', id)),

  dashboards: (_parent, args, ctx) => searchPage(args, (search) => ctx.looker.searchDashboards(search), ctx.loaders.dashboard),

  folder: (_parent, { id }, ctx) => ctx.loaders.folder.load(contentId('id', id)),

  folders: (_parent, args, ctx) => searchPage(args, (search) => ctx.looker.searchFolders(search), ctx.loaders.folder),

  lookmlModels: async (_parent, _args, ctx) => {
    const models = await ctx.looker.lookmlModels();
    for (const model of models) if (model.name) ctx.loaders.model.prime(model.name, model);
    return models;
  },

  lookmlModel: (_parent, { name }, ctx) => ctx.loaders.model.load(lookmlName('name', name)),

  explore: (_parent, { model, name }, ctx) => ctx.loaders.explore.load({ model: lookmlName('model', model), name: lookmlName('name', name) }),

  runQuery: async (_parent, { input }, ctx) => {
    try {
      return await ctx.loaders.inlineResult.load(writeQuery(input));
    } catch (error) {
      // Looker answers 404 for a model or explore that does not exist or is outside the user's model set.
      if (error instanceof LookerError && error.code === 'NOT_FOUND') {
        throw badUserInput('input.view', `Explore "${input.model}::${input.view}" does not exist or is not accessible.`);
      }
      throw error;
    }
  },
};
