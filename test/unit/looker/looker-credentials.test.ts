import { mkdtempSync, rmSync, writeFileSync, renameSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LookerCredentials } from '../../../src/looker/looker-credentials';
import { Secret } from '../../../src/config/secret';
import { captureLogger } from '../../support/log-capture';

let dir: string;
let file: string;

function replace(content: string): void {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'looker-credentials-'));
  file = join(dir, 'secret');
  writeFileSync(file, 'first-secret\n');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('values given directly never change and refresh reports nothing', async () => {
  const credentials = new LookerCredentials({ clientId: 'id', clientSecret: new Secret('s') });
  expect(credentials.fromFiles).toBe(false);
  expect(await credentials.refresh({ reread: true })).toBe(false);
  expect(credentials.current().clientSecret.reveal()).toBe('s');
});

test('a replaced file is picked up by the next refresh and logged without its content', async () => {
  const { logger, lines } = captureLogger();
  const credentials = new LookerCredentials({
    clientId: 'id',
    clientSecret: new Secret('first-secret'),
    clientSecretFile: file,
    logger,
  });
  expect(await credentials.refresh()).toBe(false);
  expect(lines).toEqual([]);

  replace('second-secret\n');
  expect(await credentials.refresh()).toBe(true);
  expect(credentials.current().clientSecret.reveal()).toBe('second-secret');
  expect(credentials.current().clientId).toBe('id');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0] as string)).toMatchObject({
    msg: 'Looker credentials reloaded',
    variables: ['LOOKERSDK_CLIENT_SECRET_FILE'],
    files: [file],
  });

  // Unchanged since: one stat, nothing reloaded.
  expect(await credentials.refresh()).toBe(false);
  expect(lines.join('\n')).not.toMatch(/first-secret|second-secret/);
});

test('a file rewritten with the same content is not reported as a rotation', async () => {
  const credentials = new LookerCredentials({
    clientId: 'id',
    clientSecret: new Secret('first-secret'),
    clientSecretFile: file,
  });
  replace('first-secret');
  expect(await credentials.refresh()).toBe(false);
  expect(await credentials.refresh({ reread: true })).toBe(false);
});

test('a missing or empty file keeps the last good value and warns', async () => {
  const { logger, lines } = captureLogger();
  const credentials = new LookerCredentials({
    clientId: 'id',
    clientSecret: new Secret('first-secret'),
    clientSecretFile: file,
    logger,
  });
  unlinkSync(file);
  expect(await credentials.refresh()).toBe(false);
  replace('  \n');
  expect(await credentials.refresh()).toBe(false);
  expect(credentials.current().clientSecret.reveal()).toBe('first-secret');
  const warnings = lines.map((l) => JSON.parse(l) as { level: number; problem: string });
  expect(warnings.map((w) => w.problem)).toEqual(['cannot be read (ENOENT)', 'the file is empty']);
  expect(warnings.every((w) => w.level === 40)).toBe(true);
});

test('the client id follows its file too', async () => {
  const idFile = join(dir, 'id');
  writeFileSync(idFile, 'old-id\n');
  const credentials = new LookerCredentials({
    clientId: 'old-id',
    clientSecret: new Secret('s'),
    clientIdFile: idFile,
  });
  writeFileSync(`${idFile}.tmp`, 'new-id\n');
  renameSync(`${idFile}.tmp`, idFile);
  expect(await credentials.refresh()).toBe(true);
  expect(credentials.current().clientId).toBe('new-id');
});
