import type { IUser } from '@looker/sdk';
import { hasEmbedCredential, type EmulatorFlavor, type UserDef } from './users';
import { personalFolderId } from '../content/folders';

/** Looker's API3 credential id of the emulator's client id (stable per client id). */
const API3_CREDENTIAL_ID = '1';

/** A user in Looker's `User` shape, with credentials (as admins and the user themself see it). */
export function fullUser(u: UserDef, webUrl: string, apiClientId: string, flavor: EmulatorFlavor = 'original'): IUser {
  const serviceAccount = flavor === 'core' && u.coreType === 'service_account';
  const apiUrl = `${webUrl}/api/4.0`;
  return {
    ...publicUser(u, webUrl),
    can: { show: true, index: true, show_details: true, index_details: true, sudo: !u.access.isAdmin },
    avatar_url_without_sizing: avatar(u),
    credentials_api3: u.ownsApiCredentials
      ? [
          {
            can: {},
            id: API3_CREDENTIAL_ID,
            client_id: apiClientId,
            created_at: u.createdAt,
            is_disabled: false,
            type: 'api3',
            purpose: null,
            url: `${apiUrl}/users/${u.id}/credentials_api3/${API3_CREDENTIAL_ID}`,
          },
        ]
      : [],
    credentials_email: {
      can: {},
      created_at: u.createdAt,
      email: u.email,
      forced_password_reset_at_next_login: false,
      user_id: u.id,
      is_disabled: false,
      logged_in_at: null,
      password_reset_url: null,
      account_setup_url: null,
      password_reset_url_expired: false,
      account_setup_url_expired: false,
      type: 'email',
      url: `${apiUrl}/users/${u.id}/credentials_email`,
      user_url: `${apiUrl}/users/${u.id}`,
    },
    credentials_embed: hasEmbedCredential(u, flavor)
      ? [
          {
            can: {},
            created_at: u.createdAt,
            external_group_id: null,
            external_user_id: u.login,
            id: u.id,
            is_disabled: false,
            logged_in_at: null,
            type: 'embed',
            url: `${apiUrl}/users/${u.id}/credentials_embed/${u.id}`,
          },
        ]
      : [],
    email: u.email,
    embed_group_space_id: null,
    group_ids: [...u.groupIds],
    home_folder_id: '1',
    is_disabled: false,
    locale: 'en',
    looker_versions: [],
    models_dir_validated: null,
    personal_folder_id: personalFolderId(u.id),
    presumed_looker_employee: false,
    role_ids: [...u.roleIds],
    sessions: [],
    ui_state: null,
    verified_looker_employee: false,
    roles_externally_managed: false,
    allow_direct_roles: true,
    allow_normal_group_membership: true,
    allow_roles_from_normal_groups: true,
    embed_group_folder_id: null,
    is_iam_admin: false,
    can_manage_api3_creds: u.access.isAdmin,
    is_service_account: serviceAccount,
    service_account_name: serviceAccount ? `${u.firstName} ${u.lastName}` : null,
  };
}

/** The part of a user other non-admin users may see (Looker's `UserPublic` fields). */
export function publicUser(u: UserDef, webUrl: string): IUser {
  return {
    can: { show: true, index: true },
    id: u.id,
    first_name: u.firstName,
    last_name: u.lastName,
    display_name: `${u.firstName} ${u.lastName}`,
    avatar_url: avatar(u),
    url: `${webUrl}/api/4.0/users/${u.id}`,
  };
}

/** A deterministic avatar URL, shaped like Looker's gravatar links. */
function avatar(u: UserDef): string {
  return `https://gravatar.lookercdn.com/avatar/${Buffer.from(u.email).toString('hex').slice(0, 32)}?s=156&d=blank`;
}
