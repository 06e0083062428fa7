import type { Context } from '../context/context';
import { graphqlError } from '../errors';
import type { SetFavoriteInput } from '../generated/resolvers-types';
import { badUserInput, contentId } from '../input/arguments';
import { guardedWrite, type WriteOutcome, type WritePreview } from './guarded-write';
import { nullIfNotFound, requireFound } from './write-values';

/** What `setFavorite` answers: the content and whether it is now a favorite. */
export interface FavoriteWritten {
  readonly favorite: boolean;
  readonly lookId: string | null;
  readonly dashboardId: string | null;
}

/**
 * `setFavorite`: the content's `content_metadata_id` (1 read), the caller's favorites of it
 * (search_content_favorites, 1 call), then create_content_favorite or delete_content_favorite
 * (1 call; none when it already is as asked). Per-user mode only: favorites belong to the Looker
 * user who makes them, and the service account's would be every caller's. No folder rule applies:
 * a favorite changes the caller's own list, not the content.
 */
export function setFavorite(ctx: Context, input: SetFavoriteInput): Promise<WriteOutcome<FavoriteWritten>> {
  if ((input.lookId == null) === (input.dashboardId == null))
    throw badUserInput('input', 'Give exactly one of "lookId" and "dashboardId".');
  const lookId = input.lookId != null ? contentId('input.lookId', input.lookId) : null;
  const dashboardId = input.dashboardId != null ? contentId('input.dashboardId', input.dashboardId) : null;
  let userId = '';
  const answer: FavoriteWritten = { favorite: input.favorite, lookId, dashboardId };
  let favoriteIds: string[] = [];
  let metadataId = '';
  return guardedWrite(ctx, {
    mutation: 'setFavorite',
    dryRun: false,
    input: { lookId, dashboardId, favorite: input.favorite },
    async check(): Promise<WritePreview> {
      // `user:<id>` in per-user mode (found without a login), `service` otherwise.
      const identity = await ctx.looker.identity();
      if (!identity.startsWith('user:'))
        throw graphqlError(
          'FAILED_PRECONDITION',
          'Favorites need LOOKER_IDENTITY=user: with a service account they would be one shared list for every caller',
        );
      userId = identity.slice('user:'.length);
      const content = await (
        lookId
          ? ctx.looker.read('look', (sdk, settings) => sdk.look(lookId, 'id,content_metadata_id', settings))
          : ctx.looker.read('dashboard', (sdk, settings) =>
              sdk.dashboard(dashboardId ?? '', 'id,content_metadata_id', settings),
            )
      ).catch(nullIfNotFound);
      const argumentName = lookId ? 'input.lookId' : 'input.dashboardId';
      metadataId = String(
        requireFound(content, argumentName, lookId ? `look ${lookId}` : `dashboard ${dashboardId}`)
          .content_metadata_id ?? '',
      );
      const favorites = await ctx.looker.read('search_content_favorites', (sdk, settings) =>
        sdk.search_content_favorites(
          { user_id: userId, content_metadata_id: metadataId, fields: 'id', limit: 50 },
          settings,
        ),
      );
      favoriteIds = favorites.map((f) => String(f.id ?? '')).filter(Boolean);
      const resource = lookId ? `look:${lookId}` : `dashboard:${dashboardId}`;
      return {
        body: { user_id: userId, content_metadata_id: metadataId },
        changed:
          favoriteIds.length > 0 === input.favorite ? {} : { favorite: { old: !input.favorite, new: input.favorite } },
        resources: [resource],
        evict: [lookId ? `look:${lookId}` : `dashboard:${dashboardId}`],
        rules: [],
      };
    },
    async write() {
      if (input.favorite && favoriteIds.length === 0)
        await ctx.looker.write('create_content_favorite', (sdk, settings) =>
          sdk.create_content_favorite({ user_id: userId, content_metadata_id: metadataId }, settings),
        );
      if (!input.favorite)
        for (const id of favoriteIds)
          await ctx.looker.write('delete_content_favorite', (sdk, settings) =>
            sdk.delete_content_favorite(id, settings),
          );
      return answer;
    },
  });
}
