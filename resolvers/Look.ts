import { isoDate } from '../src/input/iso-date';
import type { ILook, ILookWithQuery } from '@looker/sdk';
import { rowLimit } from '../src/input/arguments';
import type { Context } from '../src/context/context';
import { embedUrlFor } from '../src/embed';
import type { LookResolvers } from '../src/generated/resolvers-types';
import { lookExportUrl } from '../src/exports/export-mint';

/** The look's query definition: embedded when Looker sent it, else loaded by id. */
async function queryOf(look: ILook | ILookWithQuery, ctx: Context) {
  if ('query' in look && look.query) return look.query;
  return look.query_id ? ctx.loaders.query.load(look.query_id) : null;
}

/** A look: metadata from the batched look loader (folder and model included); data on demand. */
export const Look: LookResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.look.load(ref.id),
  id: (look) => String(look.id),
  title: (look) => look.title ?? '',
  // Looker embeds the look's folder in its answer: no second call unless it did not.
  folder: (look, _args, ctx) =>
    look.folder?.id ? look.folder : look.folder_id ? ctx.loaders.folder.load(look.folder_id) : null,
  // The look names its model and label; the model's explores load only if asked for.
  model: (look) => (look.model?.id ? { name: look.model.id, label: look.model.label ?? null } : null),
  explore: async (look, _args, ctx) => {
    const query = await queryOf(look, ctx);
    return query?.model && query.view ? ctx.loaders.explore.load({ model: query.model, name: query.view }) : null;
  },
  query: (look, _args, ctx) => queryOf(look, ctx),
  result: (look, { limit, refresh }, ctx) =>
    look.query_id
      ? ctx.loaders.savedResult.load({
          queryId: look.query_id,
          limit: rowLimit('limit', limit),
          refresh: refresh === true,
        })
      : null,
  // A link to download the data later: minting it calls no Looker API.
  exportUrl: (look, { format }, ctx) => (look.id ? lookExportUrl(String(look.id), format, ctx) : null),
  embedUrl: (look, _args, ctx, info) =>
    look.id ? embedUrlFor({ kind: 'look', id: String(look.id) }, ctx, info) : null,
  createdAt: (look) => isoDate(look.created_at),
  updatedAt: (look) => isoDate(look.updated_at),
};
