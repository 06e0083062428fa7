import express, { type Router } from 'express';
import type { EmbedSso, EmbedSsoRequest } from '../../access/embed-sso';
import type { ApiRoutes } from '../api-router';
import { sendJson } from '../api-router';
import { ApiError, type ErrorDetail } from '../errors';

/** Looker's longest embed session (the spec: "Maximum session length accepted is 2592000 seconds"). */
const maxSessionLength = 2_592_000;

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Validates an `EmbedSsoParams` body as the spec describes it (422 naming each field): a
 * `target_url` on this instance, a session of at most 30 days, and either `group_ids` or both
 * `models` and `permissions`. Unknown permissions, models and attributes pass through (the spec:
 * "these parameters are not validated").
 */
function embedRequest(body: unknown, webUrl: string): EmbedSsoRequest {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const problems: ErrorDetail[] = [];
  const here = new URL(webUrl);
  let target: URL | undefined;
  try {
    target = typeof b.target_url === 'string' ? new URL(b.target_url) : undefined;
  } catch {
    target = undefined;
  }
  if (!target)
    problems.push({
      field: 'target_url',
      code: 'missing',
      message: 'target_url must be a complete URL of a Looker UI page',
    });
  // The URL is signed for this instance's host, which is where its login page is.
  else if (target.host !== here.host)
    problems.push({
      field: 'target_url',
      code: 'invalid',
      message: `target_url must be on this Looker instance (${here.host})`,
    });
  const sessionLength = b.session_length === undefined || b.session_length === null ? 300 : b.session_length;
  if (
    typeof sessionLength !== 'number' ||
    !Number.isInteger(sessionLength) ||
    sessionLength < 1 ||
    sessionLength > maxSessionLength
  ) {
    problems.push({
      field: 'session_length',
      code: 'invalid',
      message: `session_length must be 1 to ${maxSessionLength} seconds`,
    });
  }
  const permissions = stringList(b.permissions ?? []);
  const models = stringList(b.models ?? []);
  const groupIds = stringList(b.group_ids ?? []);
  if (!permissions)
    problems.push({ field: 'permissions', code: 'invalid', message: 'permissions must be a list of permission names' });
  if (!models) problems.push({ field: 'models', code: 'invalid', message: 'models must be a list of model names' });
  if (!groupIds)
    problems.push({ field: 'group_ids', code: 'invalid', message: 'group_ids must be a list of group ids' });
  if (permissions && models && groupIds && groupIds.length === 0 && (permissions.length === 0 || models.length === 0)) {
    problems.push({ field: 'group_ids', code: 'missing', message: 'give group_ids, or both models and permissions' });
  }
  const attributes = b.user_attributes ?? {};
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    problems.push({
      field: 'user_attributes',
      code: 'invalid',
      message: 'user_attributes must be an object of attribute names to values',
    });
  }
  if (problems.length > 0 || !target) throw new ApiError(422, 'Validation Failed', problems);
  return {
    targetPath: `${target.pathname}${target.search}`,
    host: here.host,
    sessionLength: sessionLength as number,
    forceLogoutLogin: b.force_logout_login !== false,
    // Looker makes up an id for an anonymous embed user; the emulator names it so.
    externalUserId: optionalString(b.external_user_id) ?? 'anonymous',
    firstName: optionalString(b.first_name) ?? 'Embed',
    lastName: optionalString(b.last_name) ?? 'User',
    permissions: permissions ?? [],
    models: models ?? [],
    groupIds: groupIds ?? [],
    externalGroupId: optionalString(b.external_group_id) ?? null,
    userAttributes: attributes as Record<string, unknown>,
  };
}

/** `POST /embed/sso_url` (`create_sso_embed_url`): admins only (a guess, see the README), answers `EmbedUrlResponse`. */
export function registerEmbedRoutes(api: ApiRoutes, embed: EmbedSso): void {
  api.post('/embed/sso_url', (ctx) => {
    if (!ctx.caller.policy.isAdmin) throw new ApiError(403);
    const request = embedRequest(ctx.req.body, ctx.services.webUrl());
    sendJson(ctx, { url: embed.sign(request, ctx.services.webUrl()) });
  });
}

/**
 * The browser's side: `GET /login/embed/<target>?…&signature=…` checks the URL (signature, age,
 * one use), records the embed user and answers a page naming the target and the user (the
 * emulator has no Looker UI to show). Refusals are 403 with the reason.
 */
export function embedLoginRouter(embed: EmbedSso, webUrl: () => string): Router {
  const router = express.Router();
  router.get(/^\/login\/embed\/.+/, (req, res) => {
    const check = embed.check(`${webUrl()}${req.originalUrl}`, new URL(webUrl()).host, true);
    if (!check.ok) {
      res.status(403).type('text/plain').send(`Embed login refused: ${check.reason}`);
      return;
    }
    const user = embed.login(check.request);
    res
      .status(200)
      .type('text/html')
      .send(
        `<!doctype html><title>Embedded</title><p>Embed user ${escapeHtml(user.external_user_id)} (${escapeHtml(user.id)}) sees ${escapeHtml(check.request.targetPath)}</p>`,
      );
  });
  return router;
}

/**
 * Controls (`/__emulator/embed/*`): `GET users` lists the embed users logged in; `GET verify?url=`
 * checks a signed URL without using it (`{ valid, reason?, target?, external_user_id? }`).
 */
export function embedControlRouter(embed: EmbedSso, webUrl: () => string): Router {
  const router = express.Router();
  router.get('/users', (_req, res) => {
    res.json({ users: embed.embedUsers() });
  });
  router.get('/verify', (req, res) => {
    const url = typeof req.query.url === 'string' ? req.query.url : '';
    const check = embed.check(url, new URL(webUrl()).host, false);
    res.json(
      check.ok
        ? { valid: true, target: check.request.targetPath, external_user_id: check.request.externalUserId }
        : { valid: false, reason: check.reason },
    );
  });
  return router;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
