import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes, errorTable } from '../../../src/errors';

const docsFile = join(__dirname, '../../../docs/errors.md');

test('docs/errors.md is what `npm run docs:errors` prints from the table of error codes', () => {
  expect(readFileSync(docsFile, 'utf8')).toBe(errorTable());
});

test('the printed table has one row per error code, with its HTTP status', () => {
  const table = errorTable();
  for (const [code, { status }] of Object.entries(errorCodes)) {
    expect(table).toContain(`| \`${code}\` | ${status} |`);
  }
});
