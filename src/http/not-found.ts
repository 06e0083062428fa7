import type { Request, Response } from 'express';
import { sendGraphQLError } from '../errors';

/** The last route: anything no other route answered is a JSON 404, never Express's HTML page. */
export function notFound(_req: Request, res: Response): void {
  sendGraphQLError(res, 'NOT_FOUND', 'No such route');
}
