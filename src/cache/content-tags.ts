/**
 * The tags the shared cache files Looker content under, so that a write can evict every cached
 * copy of what it changed (whatever Looker identity fetched it, on every replica) without knowing
 * their keys. An entry by id carries the tags of the objects it holds (a look: its own and its
 * folder's; a dashboard or its tiles: its own, its folder's and its tiles' looks'), and a search
 * page only the tag of its kind. So a write evicts the changed object's tag and its kind's: after a
 * change to look 7, `[contentTags.look('7'), contentTags.looks]`.
 */
export const contentTags = {
  /** A look by id (alone, or as a tile's look). */
  look: (id: string): string => `look:${id}`,
  /** A dashboard by id, and what belongs to it (its tiles, its filters). */
  dashboard: (id: string): string => `dashboard:${id}`,
  /** A folder by id. */
  folder: (id: string): string => `folder:${id}`,
  /** Every page of a look search (listings, a folder's looks). */
  looks: 'looks',
  /** Every page of a dashboard search. */
  dashboards: 'dashboards',
  /** Every page of a folder search. */
  folders: 'folders',
} as const;
