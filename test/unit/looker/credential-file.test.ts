import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialFileError, readCredentialFile, readCredentialFileSync } from '../../../src/files/credential-file';

/**
 * A credential file is read the way the policy file is: only a regular file, refused by its kind
 * or size before anything is read, never waiting on a named pipe.
 */
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credential-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The problem each read reports, or the value it read. */
async function outcomes(file: string): Promise<[string, string]> {
  const of = (error: unknown) => (error instanceof CredentialFileError ? error.problem : `read ${String(error)}`);
  let sync: string;
  try {
    sync = `value of ${readCredentialFileSync(file).value.length} characters`;
  } catch (error) {
    sync = of(error);
  }
  const async = await readCredentialFile(file).then((read) => `value of ${read.value.length} characters`, of);
  return [sync, async];
}

test('a 200 MB (sparse) file is refused by its size, not read as a credential', async () => {
  const file = join(dir, 'secret');
  writeFileSync(file, 'looker-secret\n');
  truncateSync(file, 200 * 1024 * 1024);
  expect(await outcomes(file)).toEqual(['the file is larger than 65536 bytes', 'the file is larger than 65536 bytes']);
});

test('a named pipe is refused without waiting for a writer', async () => {
  const file = join(dir, 'secret');
  execFileSync('mkfifo', [file]);
  expect(await outcomes(file)).toEqual([
    'not a regular file (a named pipe (FIFO))',
    'not a regular file (a named pipe (FIFO))',
  ]);
});

test('a regular file is read and trimmed', async () => {
  const file = join(dir, 'secret');
  writeFileSync(file, 'looker-secret\n');
  expect(readCredentialFileSync(file).value).toBe('looker-secret');
  expect((await readCredentialFile(file)).value).toBe('looker-secret');
});
