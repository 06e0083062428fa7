import { errorCodes, type ErrorCode } from './error-codes';

/** `docs/errors.md`: the error codes as a Markdown table, printed from {@link errorCodes}. */
export function errorTable(): string {
  const rows = (Object.keys(errorCodes) as ErrorCode[]).map((code) => {
    const { status, clientSafe, meaning } = errorCodes[code];
    return `| \`${code}\` | ${status} | ${clientSafe ? 'yes' : 'no (masked)'} | ${meaning.replace(/\|/g, '\\|')} |`;
  });
  return [
    '# Error codes',
    '',
    '<!-- Printed from src/errors/error-codes.ts by `npm run docs:errors`; edit the table there, not here. -->',
    '',
    'Every error this service answers with carries one of these codes: GraphQL errors in',
    '`extensions.code`, HTTP refusals and export downloads in their JSON body, MCP tool errors in their',
    'text. The status is that of an answer the error ends; an error on one field of a GraphQL answer',
    'travels with HTTP 200 and the rest of the answer. A message marked "masked" never reaches the',
    'client: it reads `Internal server error`.',
    '',
    '| code | HTTP status | message shown | meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
