import type { Response } from 'express';

/**
 * Answers with one GraphQL error in the shape Apollo uses (`{"errors":[{message, extensions:
 * {code}}]}`), so a client reads every refusal the same way, whichever layer refused.
 */
export function sendGraphQLError(res: Response, status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
