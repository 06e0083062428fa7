import { isoDate } from '../src/input/iso-date';
import type { ILook, ILookWithQuery } from '@looker/sdk';
import { rowLimit } from '../src/input/arguments';
import { filteredTileQuery } from '../src/input/dashboard-tile';
import { filterRecord } from '../src/input/query-input';
import { notRunnableAsForbidden } from '../src/looker/errors';
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
  result: async (look, { filters, limit, refresh }, ctx) => {
    const rows = rowLimit('limit', limit);
    const runtime = filters && filters.length > 0 ? filterRecord('filters', filters) : undefined;
    if (!runtime) {
      return look.query_id
        ? ctx.loaders.savedResult.load({ queryId: look.query_id, limit: rows, refresh: refresh === true })
        : null;
    }
    // With runtime filters, the look's query runs inline with them merged in (a caller's filter on
    // a field the look filters replaces it): one Looker call, cached by the merged query.
    const query = await queryOf(look, ctx);
    if (!query) return null;
    return ctx.loaders.inlineResult
      .load({ query: filteredTileQuery(query, runtime, rows), refresh: refresh === true })
      .catch(notRunnableAsForbidden('run_inline_query'));
  },
  // A link to download the data later: minting it calls no Looker API.
  exportUrl: (look, { format }, ctx) => (look.id ? lookExportUrl(String(look.id), format, ctx) : null),
  embedUrl: (look, _args, ctx, info) =>
    look.id ? embedUrlFor({ kind: 'look', id: String(look.id) }, ctx, info) : null,
  deleted: (look) => look.deleted === true,
  createdAt: (look) => isoDate(look.created_at),
  updatedAt: (look) => isoDate(look.updated_at),
};
