import type { Request } from 'express';
import { AccessPolicy, type Caller } from '../access/policy';
import { findUser } from '../access/users';
import { ApiError } from './errors';
import type { EmulatorServices } from './services';

/**
 * The token of a request, as Looker accepts it: `Authorization: token X`, `Authorization: Bearer X`
 * or `?access_token=X`.
 */
export function requestToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header) {
    const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const fromQuery = (req.query as Record<string, unknown>).access_token;
  return typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : undefined;
}

/** Resolves the caller of a request, or throws 401 "Requires authentication.". */
export function authenticate(req: Request, services: EmulatorServices): Caller {
  const token = requestToken(req);
  const session = token ? services.sessions.resolve(token) : undefined;
  const user = session ? findUser(session.userId) : undefined;
  if (!token || !session || !user) throw new ApiError(401);
  return {
    user,
    token,
    policy: new AccessPolicy(user, services.content.folderParents, services.content.personalOwners),
  };
}
