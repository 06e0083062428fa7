import { readdirSync, readFileSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join, relative } from 'node:path';
import { errorCodes } from '../../../src/errors';

const root = join(__dirname, '../../..');

/** Every TypeScript source of the service (generated code excluded). */
function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Where a string literal is an error code: after `code` (`code: 'X'`, `code === 'X'`,
 * `code ?? 'X'`), or first argument of an error builder (`new LookerError('X'`,
 * `graphqlError('X'`, `sendGraphQLError(res, 'X'`).
 */
const codeLiteral = [
  /\bcode\b[^;\n'"`]{0,40}'([A-Z][A-Z0-9_]{2,})'/g,
  /\b(?:LookerError|IdentityError|graphqlError|sendGraphQLError|sendError|refuse)\(\s*(?:res,\s*)?(?:\d+,\s*)?'([A-Z][A-Z0-9_]{2,})'/g,
];

/**
 * Codes the service reads or records, never answers with: Node's system errors (`ENOENT`),
 * Node-style internal codes (`ERR_…`), opossum's open circuit, and the audit's count of an
 * answer's errors that carry no code.
 */
function foreign(code: string): boolean {
  return code in constants.errno || code.startsWith('ERR_') || code === 'EOPENBREAKER' || code === 'UNKNOWN';
}

/** The error-code literals of one source text that the table does not list. */
function unlisted(text: string): string[] {
  return codeLiteral
    .flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!))
    .filter((code) => !(code in errorCodes) && !foreign(code));
}

test('the scan finds an error code the table does not list', () => {
  expect(unlisted("throw new GraphQLError('x', { extensions: { code: 'TEAPOT' } });")).toEqual(['TEAPOT']);
  expect(unlisted("if (e.extensions?.code === 'GONE') return;")).toEqual(['GONE']);
  expect(unlisted("const code = typeof e.code === 'string' ? e.code : 'NO_CODE';")).toEqual(['NO_CODE']);
  expect(unlisted("new LookerError(\n  'LOOKER_ON_FIRE', 'm', 'op')")).toEqual(['LOOKER_ON_FIRE']);
  expect(unlisted("sendGraphQLError(res, 'NOT_FOUND', 'No such route')")).toEqual([]);
  expect(unlisted("if (error.code === 'ENOENT') return;")).toEqual([]);
});

test('every error code written in src/, resolvers/ and directives/ is in the table of error codes', () => {
  const found = ['src', 'resolvers', 'directives']
    .flatMap((directory) => sources(join(root, directory)))
    .flatMap((file) => unlisted(readFileSync(file, 'utf8')).map((code) => `${relative(root, file)}: ${code}`));
  expect(found).toEqual([]);
});
