import type { IUser } from '@looker/sdk';
import type { Caller } from '../../access/policy';
import { fullUser, publicUser } from '../../access/user-view';
import { USERS, findUser, hasEmbedCredential, type EmulatorFlavor, type UserDef } from '../../access/users';
import { applyPaging, applySearch, applySorts, type Criterion } from '../../content/search';
import type { ApiRoutes, RouteContext } from '../api-router';
import { sendJson } from '../api-router';
import { ApiError, notFound } from '../errors';
import { paging } from './content-access';

/** Admins and the user themself see details and credentials; others see the public part. */
function userView(ctx: RouteContext, u: UserDef): IUser {
  const webUrl = ctx.services.webUrl();
  return canSeeDetails(ctx.caller, u)
    ? fullUser(u, webUrl, ctx.services.credentials.clientId, ctx.services.flavor)
    : publicUser(u, webUrl);
}

/** Whether the caller may see a user's details (Looker: admins, and everyone for themself). */
function canSeeDetails(caller: Caller, u: UserDef): boolean {
  return caller.policy.isAdmin || caller.user.id === u.id;
}

/** Search criteria of `GET /users/search`; the detail filters need admin rights, as in Looker. */
function criteria(admin: boolean, flavor: EmulatorFlavor): Criterion<UserDef>[] {
  const open: Criterion<UserDef>[] = [
    { param: 'id', kind: 'id', value: (u) => u.id },
    { param: 'first_name', kind: 'string', value: (u) => u.firstName },
    { param: 'last_name', kind: 'string', value: (u) => u.lastName },
    { param: 'full_name', kind: 'string', value: (u) => `${u.firstName} ${u.lastName}` },
    { param: 'group_id', kind: 'id', value: (u) => u.groupIds },
  ];
  if (!admin) return open;
  return [
    ...open,
    { param: 'email', kind: 'string', value: (u) => u.email },
    { param: 'embed_user', kind: 'boolean', value: (u) => hasEmbedCredential(u, flavor) },
    { param: 'is_disabled', kind: 'boolean', value: () => false },
    { param: 'can_manage_api3_creds', kind: 'boolean', value: (u) => u.access.isAdmin },
    {
      param: 'is_service_account',
      kind: 'boolean',
      value: (u) => flavor === 'core' && u.coreType === 'service_account',
    },
  ];
}

/** Sortable user fields. */
const SORT_KEYS: Readonly<Record<string, (u: UserDef) => string | number>> = {
  id: (u) => Number(u.id),
  first_name: (u) => u.firstName,
  last_name: (u) => u.lastName,
  email: (u) => u.email,
};

/** Which credential field `user_for_credential` matches, per credential type. */
const CREDENTIAL_MATCHERS: Readonly<
  Record<string, (u: UserDef, id: string, apiClientId: string, flavor: EmulatorFlavor) => boolean>
> = {
  email: (u, id) => u.email.toLowerCase() === id.toLowerCase(),
  looker_openid: (u, id) => u.email.toLowerCase() === id.toLowerCase(),
  embed: (u, id, _apiClientId, flavor) => hasEmbedCredential(u, flavor) && u.login === id,
  api3: (u, id, apiClientId) => u.ownsApiCredentials && id === apiClientId,
};

/**
 * Credential types Looker (Google Cloud core) still looks up. The spec says only that calls "may be
 * denied"; denying every type but `embed` is the emulator's guess (core users sign in through the
 * IdP, so `email` and the other login credentials are not Looker's to match).
 */
const CORE_LOOKUP_TYPES: ReadonlySet<string> = new Set(['embed']);

/** `GET /user`, `/users`, `/users/search`, `/users/credential/:type/:id`, `/users/:user_id`. */
/** Answers a list of users as Looker does: sorted by `sorts`, paged, each shown as the caller may see it. */
function sendUserPage(ctx: RouteContext, users: readonly UserDef[]): void {
  const sorted = applySorts(users, ctx.params.string('sorts'), SORT_KEYS);
  sendJson(
    ctx,
    applyPaging(sorted, paging(ctx)).map((u) => userView(ctx, u)),
  );
}

export function registerUserRoutes(api: ApiRoutes): void {
  api.get('/user', (ctx) => sendJson(ctx, userView(ctx, ctx.caller.user)));

  api.get('/users', (ctx) => {
    const ids = ctx.params.list('ids');
    const users = ids ? USERS.filter((u) => ids.includes(u.id)) : USERS;
    sendUserPage(ctx, users);
  });

  api.get('/users/search', (ctx) => {
    const found = applySearch(
      USERS,
      criteria(ctx.caller.policy.isAdmin, ctx.services.flavor),
      ctx.params.reader,
      ctx.params.bool('filter_or') === true,
    );
    sendUserPage(ctx, found);
  });

  api.get('/users/credential/:credential_type/:credential_id', (ctx) => {
    if (!ctx.caller.policy.isAdmin) throw new ApiError(403);
    const type = String(ctx.req.params.credential_type);
    if (ctx.services.flavor === 'core' && !CORE_LOOKUP_TYPES.has(type)) throw new ApiError(403);
    const matcher = CREDENTIAL_MATCHERS[type];
    if (!matcher) throw notFound();
    const id = String(ctx.req.params.credential_id);
    const user = USERS.find((u) => matcher(u, id, ctx.services.credentials.clientId, ctx.services.flavor));
    if (!user) throw notFound();
    sendJson(ctx, userView(ctx, user));
  });

  api.get('/users/:user_id', (ctx) => {
    const user = findUser(String(ctx.req.params.user_id));
    if (!user) throw notFound();
    sendJson(ctx, userView(ctx, user));
  });
}
