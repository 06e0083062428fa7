import type { ServerResponse } from 'node:http';

/**
 * Answers with one GraphQL error in the shape Apollo uses (`{"errors":[{message, extensions:
 * {code}}]}`), so a client reads every refusal the same way, whichever layer refused.
 */
export function sendGraphQLError(res: ServerResponse, status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
