/**
 * The demo folder tree. "Shared" is Looker's shared root; the department folders hang under it.
 * Access is granted per folder and extends to descendants (see `emulator/access/`).
 */

/** A folder as the emulator stores it. */
export interface FolderDef {
  id: string;
  name: string;
  parentId: string | null;
  creatorId: string;
  createdAt: string;
  isSharedRoot?: boolean;
}

/** Ids of the demo folders, for code and tests that refer to them. */
export const FOLDER_IDS = {
  shared: '1',
  sales: '2',
  marketing: '3',
  finance: '4',
  regionalSales: '5',
} as const;

/** All demo folders. */
export const FOLDERS: readonly FolderDef[] = [
  { id: FOLDER_IDS.shared, name: 'Shared', parentId: null, creatorId: '1', createdAt: '2023-01-09T09:00:00.000+00:00', isSharedRoot: true },
  { id: FOLDER_IDS.sales, name: 'Sales', parentId: FOLDER_IDS.shared, creatorId: '1', createdAt: '2023-01-12T10:00:00.000+00:00' },
  { id: FOLDER_IDS.marketing, name: 'Marketing', parentId: FOLDER_IDS.shared, creatorId: '1', createdAt: '2023-01-12T10:05:00.000+00:00' },
  { id: FOLDER_IDS.finance, name: 'Finance', parentId: FOLDER_IDS.shared, creatorId: '1', createdAt: '2023-01-12T10:10:00.000+00:00' },
  { id: FOLDER_IDS.regionalSales, name: 'Regional Sales', parentId: FOLDER_IDS.sales, creatorId: '2', createdAt: '2023-05-02T16:20:00.000+00:00' },
];
