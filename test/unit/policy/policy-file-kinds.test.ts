import { execFileSync } from 'node:child_process';
import { constants, openSync, closeSync } from 'node:fs';
import { mkdir, rename, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { policyCheck } from '../../../src/doctor/policy-check';
import { createPolicyStore, effectivePrincipal, loadPolicyFile, type PolicyStore } from '../../../src/policy';
import { principalWith, recordingLogger, reloadWhere, replaceFile, tempDir } from './policy-fixtures';

/**
 * What stands at the policy file's path is not always a policy: a named pipe, a directory, a file
 * of hundreds of megabytes. Each is refused without blocking and without being read whole, the
 * last good policy stays in force, and the next valid edit is applied.
 */
const analystsRead =
  'rules:\n  - when: { claim: groups, includes: analysts }\n    grant: [looker:content:read, looker:data:read]\n';
const analystsReadOnly = 'rules:\n  - when: { claim: groups, includes: analysts }\n    grant: [looker:content:read]\n';
const analyst = principalWith({ groups: ['analysts'] });
const scopesNow = (store: PolicyStore) => [...effectivePrincipal(store.current(), analyst).principal.scopes].sort();

/** Puts a named pipe where `file` is, the way a deploy tool swaps a file: make it aside, rename it over. */
async function swapInFifo(file: string): Promise<void> {
  const aside = `${file}.fifo-${process.pid}`;
  execFileSync('mkfifo', [aside]);
  await rename(aside, file);
}

describe('a policy path that is not a regular file', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;
  const stores: PolicyStore[] = [];

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    file = join(dir, 'policy.yaml');
    await replaceFile(file, analystsRead);
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) store.close();
    // A reader blocked on a pipe (if any) is released by a writer that opens and closes it.
    try {
      closeSync(openSync(file, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader waiting, or no pipe: nothing to release.
    }
    await cleanup();
  });

  it('refuses a named pipe without blocking, logs it once, keeps the last good policy, then applies the next edit', async () => {
    const logger = recordingLogger();
    const store = createPolicyStore({ file, logger, watch: true, pollIntervalMs: 20 });
    stores.push(store);
    expect(scopesNow(store)).toEqual(['looker:content:read', 'looker:data:read']);

    const refused = reloadWhere(store, (o) => !o.ok);
    await swapInFifo(file);
    await expect(refused).resolves.toEqual({
      ok: false,
      file,
      problems: ['the path is a named pipe (FIFO), not a regular file'],
    });
    // Asked again, the same refusal: still the last good policy, and no second warning.
    await expect(store.reloadNow()).resolves.toMatchObject({ ok: false });
    await expect(store.reloadNow()).resolves.toMatchObject({ ok: false });
    expect(scopesNow(store)).toEqual(['looker:content:read', 'looker:data:read']);
    expect(logger.calls.filter((c) => c.level !== 'info')).toEqual([
      {
        level: 'warn',
        obj: { file, problems: ['the path is a named pipe (FIFO), not a regular file'] },
        msg: 'policy reload failed; keeping the last good policy',
      },
    ]);

    // The grant of data is removed: the next request must no longer get it.
    const applied = reloadWhere(store, (o) => o.ok);
    await replaceFile(file, analystsReadOnly);
    await expect(applied).resolves.toMatchObject({ ok: true, rules: 1 });
    expect(scopesNow(store)).toEqual(['looker:content:read']);
    expect(logger.calls.at(-1)).toEqual({
      level: 'info',
      obj: expect.objectContaining({ file, rules: 1, recovered: true }),
      msg: 'policy reloaded',
    });
  });

  it('logs each distinct failure, once each', async () => {
    const logger = recordingLogger();
    const store = createPolicyStore({ file, logger, watch: false, pollIntervalMs: 0 });
    stores.push(store);
    await swapInFifo(file);
    await store.reloadNow();
    await rm(file);
    await store.reloadNow();
    await store.reloadNow();
    await swapInFifo(file);
    await store.reloadNow();
    expect(logger.calls.filter((c) => c.level === 'warn').map((c) => c.obj.problems)).toEqual([
      ['the path is a named pipe (FIFO), not a regular file'],
      ['the file does not exist'],
      ['the path is a named pipe (FIFO), not a regular file'],
    ]);
    expect(store.reloads).toEqual({ succeeded: 0, failed: 4 });
  });

  it('refuses a directory and a device', async () => {
    const store = createPolicyStore({ file, watch: false, pollIntervalMs: 0 });
    stores.push(store);
    await rm(file);
    await mkdir(file);
    await expect(store.reloadNow()).resolves.toEqual({
      ok: false,
      file,
      problems: ['the path is a directory, not a regular file'],
    });
    await expect(loadPolicyFile('/dev/zero.yaml').catch((e: unknown) => e)).resolves.toMatchObject({
      problems: ['the file does not exist'],
    });
    const device = join(dir, 'device.yaml');
    await rm(device, { force: true });
    // A symlink to a character device: stat follows it, and the device is never opened.
    execFileSync('ln', ['-s', '/dev/zero', device]);
    await expect(loadPolicyFile(device).catch((e: unknown) => e)).resolves.toMatchObject({
      problems: ['the path is a character device, not a regular file'],
    });
    expect(scopesNow(store)).toEqual(['looker:content:read', 'looker:data:read']);
  });

  it.each([
    ['200 MB', 200 * 1024 * 1024],
    // Past what Node reads into one buffer: refused by its size, not by how far it could be read.
    ['3 GB', 3 * 1024 * 1024 * 1024],
  ])('refuses a %s (sparse) file by its size, before reading it', async (_label, size) => {
    const store = createPolicyStore({ file, watch: false, pollIntervalMs: 0 });
    stores.push(store);
    await truncate(file, size);
    await expect(store.reloadNow()).resolves.toEqual({
      ok: false,
      file,
      problems: ['the file is larger than 1048576 bytes'],
    });
    expect(scopesNow(store)).toEqual(['looker:content:read', 'looker:data:read']);
  });

  it('the doctor reports a named pipe instead of waiting on it', async () => {
    await swapInFifo(file);
    const result = await policyCheck(file);
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).toContain('named pipe (FIFO)');
  });

  it('a named pipe at start fails the start with the reason', async () => {
    await swapInFifo(file);
    expect(() => createPolicyStore({ file, watch: false, pollIntervalMs: 0 })).toThrow(
      'the path is a named pipe (FIFO), not a regular file',
    );
  });
});
