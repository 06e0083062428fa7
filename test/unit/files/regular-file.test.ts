import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReadError, readRegularFile, readRegularFileSync, withDeadline } from '../../../src/files';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'regular-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('reads a file of exactly the limit, and refuses one byte more by its size', async () => {
  const file = join(dir, 'f');
  writeFileSync(file, 'x'.repeat(100));
  expect(readRegularFileSync(file, { maxBytes: 100 }).bytes.length).toBe(100);
  expect((await readRegularFile(file, { maxBytes: 100 })).bytes.length).toBe(100);
  writeFileSync(file, 'x'.repeat(101));
  expect(() => readRegularFileSync(file, { maxBytes: 100 })).toThrow(
    new FileReadError(file, 'too-large', 'the file is larger than 100 bytes'),
  );
  await expect(readRegularFile(file, { maxBytes: 100 })).rejects.toMatchObject({ kind: 'too-large' });
});

test('names a missing file by its errno code', async () => {
  const file = join(dir, 'absent');
  await expect(readRegularFile(file, { maxBytes: 10 })).rejects.toMatchObject({
    kind: 'missing',
    code: 'ENOENT',
    problem: 'the file does not exist',
  });
});

test('withDeadline answers with the timeout error when the work never settles, and passes a settled answer through', async () => {
  const never = new Promise<string>(() => undefined);
  await expect(withDeadline(never, 10, () => new Error('took too long'))).rejects.toThrow('took too long');
  await expect(withDeadline(Promise.resolve('done'), 10_000, () => new Error('took too long'))).resolves.toBe('done');
});
