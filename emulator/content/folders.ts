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
  /** Looker's "Users" root, parent of every personal folder. */
  isUsersRoot?: boolean;
  /** The user whose personal folder this is: only they and admins see it. */
  personalOf?: string;
}

/** Ids of the demo folders, for code and tests that refer to them. */
export const FOLDER_IDS = {
  shared: '1',
  sales: '2',
  marketing: '3',
  finance: '4',
  regionalSales: '5',
  users: '6',
  /** An empty folder every demo user sees and Ada Analyst may edit: where non-admins write. */
  sandbox: '7',
} as const;

/** The id of a user's personal folder (`User.personal_folder_id`). */
export function personalFolderId(userId: string): string {
  return String(1000 + Number(userId));
}

/**
 * Looker's "Users" root and one personal folder per user, named after them, as every instance has:
 * `all_folders` returns them all to an admin (the spec: "All personal folders will be returned").
 */
export function personalFolders(
  users: readonly { id: string; firstName: string; lastName: string; createdAt: string }[],
): FolderDef[] {
  return [
    {
      id: FOLDER_IDS.users,
      name: 'Users',
      parentId: null,
      creatorId: '1',
      createdAt: '2023-01-09T09:00:00.000+00:00',
      isUsersRoot: true,
    },
    ...users.map((u) => ({
      id: personalFolderId(u.id),
      name: `${u.firstName} ${u.lastName}`,
      parentId: FOLDER_IDS.users,
      creatorId: u.id,
      createdAt: u.createdAt,
      personalOf: u.id,
    })),
  ];
}

/** All demo folders. */
export const FOLDERS: readonly FolderDef[] = [
  {
    id: FOLDER_IDS.shared,
    name: 'Shared',
    parentId: null,
    creatorId: '1',
    createdAt: '2023-01-09T09:00:00.000+00:00',
    isSharedRoot: true,
  },
  {
    id: FOLDER_IDS.sales,
    name: 'Sales',
    parentId: FOLDER_IDS.shared,
    creatorId: '1',
    createdAt: '2023-01-12T10:00:00.000+00:00',
  },
  {
    id: FOLDER_IDS.marketing,
    name: 'Marketing',
    parentId: FOLDER_IDS.shared,
    creatorId: '1',
    createdAt: '2023-01-12T10:05:00.000+00:00',
  },
  {
    id: FOLDER_IDS.finance,
    name: 'Finance',
    parentId: FOLDER_IDS.shared,
    creatorId: '1',
    createdAt: '2023-01-12T10:10:00.000+00:00',
  },
  {
    id: FOLDER_IDS.regionalSales,
    name: 'Regional Sales',
    parentId: FOLDER_IDS.sales,
    creatorId: '2',
    createdAt: '2023-05-02T16:20:00.000+00:00',
  },
  {
    id: FOLDER_IDS.sandbox,
    name: 'Sandbox',
    parentId: FOLDER_IDS.shared,
    creatorId: '1',
    createdAt: '2023-06-01T08:00:00.000+00:00',
  },
];
