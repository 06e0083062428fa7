import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

const secretValue = 'file-held-secret-4c1d';
let dir: string;

const base = {
  LOOKERSDK_BASE_URL: 'https://looker.example.com',
  OIDC_ISSUER: 'https://idp.example.com',
  OIDC_AUDIENCE: 'looker-subgraph',
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'config-credentials-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('credentials come from the files the _FILE variables name, trailing newline trimmed', () => {
  writeFileSync(join(dir, 'id'), 'api-client-id\n');
  writeFileSync(join(dir, 'secret'), `${secretValue}\r\n`);
  const config = loadConfig({
    ...base,
    NODE_ENV: 'production',
    LOOKERSDK_CLIENT_ID_FILE: join(dir, 'id'),
    LOOKERSDK_CLIENT_SECRET_FILE: join(dir, 'secret'),
  });
  expect(config.looker.clientId).toBe('api-client-id');
  expect(config.looker.clientSecret.reveal()).toBe(secretValue);
  expect(config.looker.clientIdFile).toBe(join(dir, 'id'));
  expect(config.looker.clientSecretFile).toBe(join(dir, 'secret'));
  for (const rendered of [JSON.stringify(config), inspect(config, { depth: 10 })])
    expect(rendered).not.toContain(secretValue);
});

test('one credential from a variable and the other from a file is fine', () => {
  writeFileSync(join(dir, 'secret'), secretValue);
  const config = loadConfig({ ...base, LOOKERSDK_CLIENT_ID: 'id', LOOKERSDK_CLIENT_SECRET_FILE: join(dir, 'secret') });
  expect(config.demo).toBeUndefined();
  expect(config.looker.clientId).toBe('id');
  expect(config.looker.clientIdFile).toBeUndefined();
  expect(config.looker.clientSecret.reveal()).toBe(secretValue);
});

test('a secret file follows a symlink, as Kubernetes secret volumes mount it', () => {
  mkdirSync(join(dir, '..2026_01_01'));
  writeFileSync(join(dir, '..2026_01_01', 'secret'), secretValue);
  symlinkSync('..2026_01_01', join(dir, '..data'));
  symlinkSync(join('..data', 'secret'), join(dir, 'secret'));
  const config = loadConfig({ ...base, LOOKERSDK_CLIENT_ID: 'id', LOOKERSDK_CLIENT_SECRET_FILE: join(dir, 'secret') });
  expect(config.looker.clientSecret.reveal()).toBe(secretValue);
});

test('a variable and its _FILE twin together are refused', () => {
  writeFileSync(join(dir, 'secret'), secretValue);
  const message = problemsOf({
    ...base,
    LOOKERSDK_CLIENT_ID: 'id',
    LOOKERSDK_CLIENT_SECRET: 'other',
    LOOKERSDK_CLIENT_SECRET_FILE: join(dir, 'secret'),
  });
  expect(message).toContain('LOOKERSDK_CLIENT_SECRET and LOOKERSDK_CLIENT_SECRET_FILE are both set');
  expect(message).not.toContain(secretValue);
  expect(message).not.toContain('other');
});

test('a missing, empty or unreadable file stops the start, naming the variable and the path but not the content', () => {
  const missing = join(dir, 'absent');
  expect(problemsOf({ ...base, LOOKERSDK_CLIENT_ID: 'id', LOOKERSDK_CLIENT_SECRET_FILE: missing })).toMatch(
    new RegExp(
      `LOOKERSDK_CLIENT_SECRET_FILE: ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot be read \\(ENOENT\\)`,
    ),
  );

  writeFileSync(join(dir, 'empty'), '\n\n');
  expect(
    problemsOf({ ...base, LOOKERSDK_CLIENT_ID: 'id', LOOKERSDK_CLIENT_SECRET_FILE: join(dir, 'empty') }),
  ).toContain(`LOOKERSDK_CLIENT_SECRET_FILE: ${join(dir, 'empty')}: the file is empty`);

  // A directory is not a credential file.
  expect(problemsOf({ ...base, LOOKERSDK_CLIENT_SECRET: 's', LOOKERSDK_CLIENT_ID_FILE: dir })).toContain(
    `LOOKERSDK_CLIENT_ID_FILE: ${dir}: not a regular file`,
  );

  if (process.getuid?.() !== 0) {
    writeFileSync(join(dir, 'locked'), secretValue, { mode: 0o000 });
    const message = problemsOf({
      ...base,
      LOOKERSDK_CLIENT_ID: 'id',
      LOOKERSDK_CLIENT_SECRET_FILE: join(dir, 'locked'),
    });
    expect(message).toContain('cannot be read (EACCES)');
    expect(message).not.toContain(secretValue);
  }
});

test('neither form of a credential given names both forms', () => {
  const message = problemsOf({ ...base, NODE_ENV: 'production' });
  expect(message).toContain('LOOKERSDK_CLIENT_ID (or LOOKERSDK_CLIENT_ID_FILE) is required');
  expect(message).toContain('LOOKERSDK_CLIENT_SECRET (or LOOKERSDK_CLIENT_SECRET_FILE) is required');
});

test('a _FILE variable alone counts as configuration: it leaves the demo', () => {
  writeFileSync(join(dir, 'secret'), secretValue);
  expect(problemsOf({ LOOKERSDK_CLIENT_SECRET_FILE: join(dir, 'secret') })).toContain('LOOKERSDK_BASE_URL is required');
});

test('SHUTDOWN_GRACE_SECONDS defaults to 10 and is validated', () => {
  expect(loadConfig({}).shutdownGraceMs).toBe(10_000);
  expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: '2.5' }).shutdownGraceMs).toBe(2_500);
  expect(problemsOf({ SHUTDOWN_GRACE_SECONDS: '-1' })).toContain('SHUTDOWN_GRACE_SECONDS');
});
