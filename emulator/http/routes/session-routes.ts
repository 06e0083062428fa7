import type { Request } from 'express';
import { findUser, hasEmbedCredential } from '../../access/users';
import { requestToken } from '../authenticate';
import type { ApiRoutes } from '../api-router';
import { sendJson } from '../api-router';
import { ApiError, notFound } from '../errors';

/** A form field of the login body, falling back to the query string (Looker accepts both). */
function credential(req: Request, name: string): string | undefined {
  const body: unknown = req.body;
  if (body && typeof body === 'object' && name in body) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string') return value;
  }
  const query = (req.query as Record<string, unknown>)[name];
  return typeof query === 'string' ? query : undefined;
}

/** `POST /login`, `POST /login/:user_id`, `DELETE /logout`. */
export function registerSessionRoutes(api: ApiRoutes): void {
  api.public('POST', '/login', (ctx) => {
    // Looker answers wrong or missing credentials with 404, not 401 — also a secret that was
    // valid before a rotation.
    if (!ctx.services.credentials.accepts(credential(ctx.req, 'client_id'), credential(ctx.req, 'client_secret'))) {
      throw notFound();
    }
    sendJson(ctx, ctx.services.sessions.issue(ctx.services.apiUserId));
  });

  api.post('/login/:user_id', (ctx) => {
    if (!ctx.caller.policy.isAdmin) throw new ApiError(403);
    const core = ctx.services.flavor === 'core';
    // Google Cloud core: only an API-only service account with the Admin role may call it (spec).
    if (core && ctx.caller.user.coreType !== 'service_account') throw new ApiError(403);
    const target = findUser(String(ctx.req.params.user_id));
    if (!target) throw notFound();
    // …and only for embed users: "Regular user types can not be impersonated" (spec). Looker's
    // wording of this 403 is not published; the emulator's is its own.
    if (core && !hasEmbedCredential(target, 'core'))
      throw new ApiError(403, 'Only embed users may be logged in as on Looker (Google Cloud core)');
    sendJson(ctx, ctx.services.sessions.issue(target.id));
  });

  api.delete('/logout', (ctx) => {
    const token = requestToken(ctx.req);
    if (token) ctx.services.sessions.revoke(token);
    ctx.res.status(204).end();
  });
}
