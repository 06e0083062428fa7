/**
 * Looker's `content_metadata_id`s: every look and user-defined dashboard has a content metadata
 * record (favorites and access grants point at it). The emulator derives the ids from the content's
 * id, in separate ranges, so they are stable across starts.
 */

/** The `content_metadata_id` of a look. */
export function lookMetadataId(lookId: string): string {
  return String(1000 + Number(lookId));
}

/** The `content_metadata_id` of a user-defined dashboard. */
export function dashboardMetadataId(dashboardId: string): string {
  return String(2000 + Number(dashboardId));
}

/** A user's favorite (Looker's `ContentFavorite`): one look or dashboard, by its content metadata. */
export interface FavoriteDef {
  id: string;
  userId: string;
  contentMetadataId: string;
  lookId: string | null;
  dashboardId: string | null;
}
