import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { effectivePrincipal, createPolicyStore, type PolicyStore } from '../../../src/policy';
import { captureLogger } from '../../support/log-capture';
import { principalWith, recordingLogger, reloadWhere, replaceFile, tempDir } from './policy-fixtures';

const analystsRead = 'rules:\n  - when: { claim: groups, includes: analysts }\n    grant: [looker:content:read]\n';
const analystsData =
  'rules:\n  - when: { claim: groups, includes: analysts }\n    grant: [looker:content:read, looker:data:read]\n';
/** Would open SQL to analysts, if it were valid. */
const brokenEdits: Record<string, string> = {
  'invalid YAML': 'rules:\n  - when: { claim: groups, includes: analysts\n    grant: [looker:sql:read]\n',
  'a scope with a space':
    'rules:\n  - when: { claim: groups, includes: analysts }\n    grant: [looker:sql:read, "looker:data read"]\n',
};

const analyst = principalWith({ groups: ['analysts'] });
const scopesNow = (store: PolicyStore) => [...effectivePrincipal(store.current(), analyst).principal.scopes].sort();

describe('createPolicyStore', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;
  const stores: PolicyStore[] = [];
  const open = (options: Omit<Parameters<typeof createPolicyStore>[0], 'file'> = {}) => {
    const store = createPolicyStore({ file, watch: false, pollIntervalMs: 0, ...options });
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    file = join(dir, 'policy.yaml');
    await writeFile(file, analystsRead);
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) store.close();
    await cleanup();
  });

  it('serves the file at start and an edit after reloadNow()', async () => {
    const logger = recordingLogger();
    const store = open({ logger });
    await store.ready;
    expect(scopesNow(store)).toEqual(['looker:content:read']);
    expect(logger.calls).toEqual([
      { level: 'info', obj: expect.objectContaining({ file, rules: 1 }), msg: 'policy loaded' },
    ]);

    await writeFile(file, analystsData);
    await expect(store.reloadNow()).resolves.toMatchObject({ ok: true, file, rules: 1 });
    expect(scopesNow(store)).toEqual(['looker:content:read', 'looker:data:read']);
    expect(store.reloads).toEqual({ succeeded: 1, failed: 0 });
  });

  it('picks up an edit through the directory watch, without reloadNow()', async () => {
    const store = open({ watch: true });
    await store.ready;
    const reloaded = reloadWhere(store, (o) => o.ok);
    await replaceFile(file, analystsData);
    await expect(reloaded).resolves.toMatchObject({ ok: true, rules: 1 });
    expect(scopesNow(store)).toEqual(['looker:content:read', 'looker:data:read']);
  });

  it('follows a Kubernetes ConfigMap update, which swaps a symlinked directory instead of the file', async () => {
    // The kubelet's layout: policy.yaml -> ..data/policy.yaml, ..data -> a timestamped directory.
    const mounted = join(dir, 'mount');
    await mkdir(join(mounted, 'v1'), { recursive: true });
    await writeFile(join(mounted, 'v1', 'policy.yaml'), analystsRead);
    await symlink('v1', join(mounted, '..data'));
    await symlink('..data/policy.yaml', join(mounted, 'policy.yaml'));
    file = join(mounted, 'policy.yaml');
    const store = open({ watch: true });
    expect(scopesNow(store)).toEqual(['looker:content:read']);

    const reloaded = reloadWhere(store, (o) => o.ok);
    await mkdir(join(mounted, 'v2'));
    await writeFile(join(mounted, 'v2', 'policy.yaml'), analystsData);
    await symlink('v2', join(mounted, '..data_tmp'));
    await rename(join(mounted, '..data_tmp'), join(mounted, '..data'));
    await reloaded;
    expect(scopesNow(store)).toEqual(['looker:content:read', 'looker:data:read']);
  });

  it('picks up an edit through the periodic check when no watch event arrives', async () => {
    const store = open({ watch: false, pollIntervalMs: 20 });
    const reloaded = reloadWhere(store, (o) => o.ok);
    await replaceFile(file, analystsData);
    await reloaded;
    expect(scopesNow(store)).toContain('looker:data:read');
  });

  it.each(Object.keys(brokenEdits))('keeps the last good policy after an edit with %s, and logs why', async (kind) => {
    const logger = recordingLogger();
    const store = open({ logger });
    await writeFile(file, brokenEdits[kind] ?? '');
    const outcome = await store.reloadNow();

    expect(outcome.ok).toBe(false);
    expect(scopesNow(store)).toEqual(['looker:content:read']);
    expect(scopesNow(store)).not.toContain('looker:sql:read');
    expect(store.reloads).toEqual({ succeeded: 0, failed: 1 });
    const warning = logger.calls.find((c) => c.level === 'warn');
    expect(warning).toEqual({
      level: 'warn',
      obj: { file, problems: expect.any(Array) },
      msg: 'policy reload failed; keeping the last good policy',
    });
    expect(JSON.stringify(warning)).not.toContain('looker:sql:read');
  });

  it('keeps the last good policy while the file is deleted, then serves it again when it returns', async () => {
    const logger = recordingLogger();
    const store = open({ logger, watch: true });
    const failed = reloadWhere(store, (o) => !o.ok);
    await rm(file);
    await expect(failed).resolves.toEqual({ ok: false, file, problems: ['the file does not exist'] });
    expect(scopesNow(store)).toEqual(['looker:content:read']);
    expect(logger.calls.filter((c) => c.level === 'warn')).toEqual([
      {
        level: 'warn',
        obj: { file, problems: ['the file does not exist'] },
        msg: 'policy reload failed; keeping the last good policy',
      },
    ]);

    const restored = reloadWhere(store, (o) => o.ok);
    await replaceFile(file, analystsData);
    await restored;
    expect(scopesNow(store)).toEqual(['looker:content:read', 'looker:data:read']);
  });

  it('recovers on the next good edit after a broken one', async () => {
    const store = open();
    await writeFile(file, brokenEdits['invalid YAML'] ?? '');
    await store.reloadNow();
    await writeFile(file, analystsData);
    await expect(store.reloadNow()).resolves.toMatchObject({ ok: true });
    expect(scopesNow(store)).toEqual(['looker:content:read', 'looker:data:read']);
    expect(store.reloads).toEqual({ succeeded: 1, failed: 1 });
  });

  it('tells each listener once per reload, and nextReload() resolves with the outcome', async () => {
    const store = open();
    const seen: boolean[] = [];
    const off = store.onReload((o) => seen.push(o.ok));
    const next = store.nextReload();
    await store.reloadNow();
    await writeFile(file, 'not: [valid');
    await store.reloadNow();
    off();
    await store.reloadNow();
    expect(seen).toEqual([true, false]);
    await expect(next).resolves.toMatchObject({ ok: true });
  });

  it('logs through pino with the problem and without the file content', async () => {
    const { logger, lines } = captureLogger();
    const store = open({ logger });
    await writeFile(
      file,
      'rules:\n  - when: { claim: groups, includes: very-private-group }\n    grant: ["looker:sql read"]\n',
    );
    await store.reloadNow();
    const warning = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.level === 40);
    expect(warning).toMatchObject({ file, problems: [expect.stringContaining('rules[0].grant[0]')] });
    expect(lines.join('\n')).not.toContain('very-private-group');
  });

  it('stops reloading once closed', async () => {
    const store = open();
    store.close();
    await expect(store.reloadNow()).rejects.toThrow('the policy store is closed');
    expect(scopesNow(store)).toEqual(['looker:content:read']);
  });
});
