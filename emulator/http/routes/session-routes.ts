import type { Request } from 'express';
import { DEMO_USER_IDS, findUser } from '../../access/users';
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
    sendJson(ctx, ctx.services.sessions.issue(DEMO_USER_IDS.apiAdmin));
  });

  api.post('/login/:user_id', (ctx) => {
    if (!ctx.caller.policy.isAdmin) throw new ApiError(403);
    const target = findUser(String(ctx.req.params.user_id));
    if (!target) throw notFound();
    sendJson(ctx, ctx.services.sessions.issue(target.id));
  });

  api.delete('/logout', (ctx) => {
    const token = requestToken(ctx.req);
    if (token) ctx.services.sessions.revoke(token);
    ctx.res.status(204).end();
  });
}
