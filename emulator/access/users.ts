/**
 * The emulator's Looker users, defined as data. User "1" owns the API3 credentials the SDK logs in
 * with; the others are people with distinct access, reachable through `login_user` or by their
 * embed credential (`external_user_id` = their login name).
 */

import { FOLDER_IDS } from '../content/folders';

/** Ids of the demo users, for code and tests that need to refer to them. */
export const DEMO_USER_IDS = {
  /** The API user: owner of the API3 client id/secret, an admin who may call `login_user`. */
  apiAdmin: '1',
  /** Ada Analyst: every folder (edit access to Sandbox), models ecommerce + inventory. */
  analyst: '2',
  /** Victor Viewer: the Sales folder (and its children) and Sandbox, view only; model ecommerce only. */
  viewer: '3',
  /** Nora Nomodel: Marketing folder metadata and Sandbox, view only; no model at all. */
  nomodels: '4',
  /** Adam Admin: an admin person with access to everything. */
  admin: '5',
} as const;

/** Login names of the demo people; each is also their embed `external_user_id`. */
export const DEMO_LOGINS = {
  analyst: 'demo-analyst',
  viewer: 'demo-viewer',
  nomodels: 'demo-nomodels',
  admin: 'demo-admin',
} as const;

/** What a user may reach: folders (with their descendants) and models. */
export interface AccessGrant {
  /** Admins see everything, may impersonate (`login_user`) and read other users' details. */
  isAdmin: boolean;
  /** Folder ids granted (access extends to descendants), or `'all'`. */
  folders: 'all' | readonly string[];
  /** Model names the user's model set contains, or `'all'`. */
  models: 'all' | readonly string[];
  /**
   * Folder ids where the user has Looker's "edit" (manage) access, extending to descendants, as
   * `content_metadata_access` with `permission_type: "edit"`; the user's personal folder is always
   * theirs to edit. Absent: view only. Admins edit everywhere.
   */
  editFolders?: readonly string[];
}

/** Which Looker instance the emulator behaves as: `original` (self-hosted/Looker-hosted) or `core` (Looker (Google Cloud core)). */
export type EmulatorFlavor = 'original' | 'core';

/** User types of Looker (Google Cloud core) (its Users page tabs: standard, embed, service accounts). */
export type CoreUserType = 'service_account' | 'standard' | 'embed';

/** A user as the emulator stores it. */
export interface UserDef {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Login name, also the `external_user_id` of the user's embed credential; absent for the API user. */
  login?: string;
  roleIds: readonly string[];
  groupIds: readonly string[];
  /** True for the user owning the emulator's API3 client credentials. */
  ownsApiCredentials: boolean;
  /**
   * The user's type on Looker (Google Cloud core): the API user is an API-only service account,
   * Adam Admin a standard user (signs in through the IdP), the others embed users. Ignored by the
   * `original` flavour, where every demo person also has an embed credential.
   */
  coreType: CoreUserType;
  createdAt: string;
  access: AccessGrant;
}

/** The Sandbox folder: every demo user sees it, Ada Analyst may edit it. */
const SANDBOX_FOLDER_ID = FOLDER_IDS.sandbox;

/** All demo users, in id order. */
export const USERS: readonly UserDef[] = [
  {
    id: DEMO_USER_IDS.apiAdmin,
    firstName: 'Looker',
    lastName: 'API',
    email: 'looker-api@example.com',
    roleIds: ['2'],
    groupIds: ['1'],
    ownsApiCredentials: true,
    coreType: 'service_account',
    createdAt: '2023-01-09T09:00:00.000+00:00',
    access: { isAdmin: true, folders: 'all', models: 'all' },
  },
  {
    id: DEMO_USER_IDS.analyst,
    firstName: 'Ada',
    lastName: 'Analyst',
    email: 'ada.analyst@example.com',
    login: DEMO_LOGINS.analyst,
    roleIds: ['3'],
    groupIds: ['1', '2'],
    ownsApiCredentials: false,
    coreType: 'embed',
    createdAt: '2023-02-14T10:30:00.000+00:00',
    access: { isAdmin: false, folders: 'all', models: ['ecommerce', 'inventory'], editFolders: [SANDBOX_FOLDER_ID] },
  },
  {
    id: DEMO_USER_IDS.viewer,
    firstName: 'Victor',
    lastName: 'Viewer',
    email: 'victor.viewer@example.com',
    login: DEMO_LOGINS.viewer,
    roleIds: ['4'],
    groupIds: ['1', '3'],
    ownsApiCredentials: false,
    coreType: 'embed',
    createdAt: '2023-03-01T08:15:00.000+00:00',
    access: { isAdmin: false, folders: ['2', SANDBOX_FOLDER_ID], models: ['ecommerce'] },
  },
  {
    id: DEMO_USER_IDS.nomodels,
    firstName: 'Nora',
    lastName: 'Nomodel',
    email: 'nora.nomodel@example.com',
    login: DEMO_LOGINS.nomodels,
    roleIds: ['5'],
    groupIds: ['1', '4'],
    ownsApiCredentials: false,
    coreType: 'embed',
    createdAt: '2023-04-20T14:45:00.000+00:00',
    access: { isAdmin: false, folders: ['3', SANDBOX_FOLDER_ID], models: [] },
  },
  {
    id: DEMO_USER_IDS.admin,
    firstName: 'Adam',
    lastName: 'Admin',
    email: 'adam.admin@example.com',
    login: DEMO_LOGINS.admin,
    roleIds: ['2'],
    groupIds: ['1'],
    ownsApiCredentials: false,
    coreType: 'standard',
    createdAt: '2023-01-10T09:00:00.000+00:00',
    access: { isAdmin: true, folders: 'all', models: 'all' },
  },
];

/** Whether the user has an embed credential (`external_user_id` = login) on this flavour. */
export function hasEmbedCredential(u: UserDef, flavor: EmulatorFlavor): boolean {
  return u.login !== undefined && (flavor === 'original' || u.coreType === 'embed');
}

/** A user by id, or undefined. */
export function findUser(id: string): UserDef | undefined {
  return USERS.find((u) => u.id === id);
}
