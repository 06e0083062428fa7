import type { IWriteQuery } from '@looker/sdk';
import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { badUserInput, contentId, lookmlName, rowLimit } from '../src/arguments';
import type { Context } from '../src/context';
import type { QueryInput, QueryResolvers } from '../src/generated/resolvers-types';
import { pageWindow, toPage, type Page } from '../src/loaders/page';
import type { ContentSearch } from '../src/looker/looker-client';
import { LookerError } from '../src/looker/errors';

/** Converts the GraphQL query input to Looker's `WriteQuery`, validating what Looker would not explain well. */
function writeQuery(input: QueryInput): IWriteQuery {
  lookmlName('input.model', input.model);
  lookmlName('input.view', input.view);
  if (input.fields.length === 0) throw badUserInput('input.fields', 'Argument "input.fields" must name at least one field.');
  const limit = rowLimit('input.limit', input.limit);
  return {
    model: input.model,
    view: input.view,
    fields: input.fields,
    filters: input.filters ? Object.fromEntries(input.filters.map((f) => [f.field, f.expression])) : undefined,
    sorts: input.sorts ?? undefined,
    pivots: input.pivots ?? undefined,
    limit: limit === undefined ? undefined : String(limit),
  };
}

/** Arguments of a content connection. */
interface PageArgs {
  readonly search?: string | null;
  readonly folderId?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

/**
 * One page of a content search. The items found prime the request's loader, so a field that
 * asks for the same look or dashboard again costs no further call.
 */
async function searchPage<T extends { id?: string | null }>(
  args: PageArgs,
  search: (criteria: ContentSearch) => Promise<T[]>,
  loader: DataLoader<string, T | null>,
): Promise<Page<T>> {
  const { offset, limit } = pageWindow(args.first, args.after);
  const items = await search({
    title: args.search ?? undefined,
    folderId: args.folderId ? contentId('folderId', args.folderId) : undefined,
    offset,
    limit: limit + 1,
  });
  for (const item of items) if (item.id) loader.prime(item.id, item);
  return toPage(items, offset, limit);
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

  folders: (_parent, _args, ctx) => ctx.looker.allFolders(),

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
