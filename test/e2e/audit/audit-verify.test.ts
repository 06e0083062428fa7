import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../../src/config/project-root';
import { assertNoSecrets, startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

// A real subgraph writes its audit file (AUDIT_LOG, AUDIT_HMAC_KEY); `npm run audit:verify` is run
// as an operator runs it, a process of its own, on that file and on tampered copies of it.

const hmacKey = 'audit-hmac-e2e-key-5c1f0e9a7b3d42e8a6f1';
const dir = mkdtempSync(path.join(tmpdir(), 'audit-e2e-'));
const file = path.join(dir, 'audit.log');
const keyFile = path.join(dir, 'audit.key');
const outputs: string[] = [];

interface VerifyRun {
  readonly code: number | null;
  readonly output: string;
}

/** `tsx scripts/audit-verify.ts …args` with exactly `env` (and PATH), as `npm run audit:verify` would. */
function verify(
  args: readonly string[],
  env: Record<string, string> = { AUDIT_HMAC_KEY: hmacKey },
): Promise<VerifyRun> {
  const root = projectRoot();
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/audit-verify.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      outputs.push(output);
      resolve({ code, output });
    });
  });
}

/** Starts a subgraph on the audit file, sends one operation per request id, and stops it. */
async function serve(requestIds: readonly string[], during?: (stack: SubgraphStack) => Promise<void>): Promise<void> {
  const stack = await startSubgraphStack({ env: { AUDIT_LOG: file, AUDIT_HMAC_KEY: hmacKey } });
  stack.checkNoLeakOf(hmacKey);
  try {
    const token = await stack.token('demo-analyst');
    for (const id of requestIds)
      await stack.graphql('{ look(id: "1") { title } }', { token, headers: { 'x-request-id': id } });
    await during?.(stack);
  } finally {
    await stack.stop();
  }
}

const linesOf = (f: string) => readFileSync(f, 'utf8').trim().split('\n');
/** A tampered copy of the audit file, for the verifier to find. */
function tampered(name: string, lines: readonly string[]): string {
  const copy = path.join(dir, name);
  writeFileSync(copy, `${lines.join('\n')}\n`);
  return copy;
}

beforeAll(async () => {
  writeFileSync(keyFile, `${hmacKey}\n`);
  // Two operations, then one refused without a token: every kind of outcome goes through the chain.
  await serve(['first-1', 'first-2'], async (stack) => {
    await stack.graphql('{ look(id: "1") { title } }', { headers: { 'x-request-id': 'first-anon' } });
  });
}, 60_000);

afterAll(() => {
  // The key never appears in the trail or in anything the verifier printed.
  assertNoSecrets([readFileSync(file, 'utf8'), ...outputs], [hmacKey]);
});

test('the file a server wrote is intact', async () => {
  const run = await verify([file]);
  expect(run.output).toContain('intact: 3 events, 1 files');
  expect(run.code).toBe(0);
  // The key from a file works as well; without any key the keyed chain cannot be checked, and says so.
  expect(await verify(['--key-file', keyFile, file], {})).toMatchObject({ code: 0 });
  const keyless = await verify([file], {});
  expect(keyless.code).toBe(2);
  expect(keyless.output).toMatch(/unverifiable: .*audit\.log:1: .*give its key/);
});

test('an edited field is named: file, line and event', async () => {
  const lines = linesOf(file);
  const edited = tampered(
    'edited.log',
    lines.map((l, i) => (i === 1 ? l.replace('"subject":"demo-analyst"', '"subject":"someone-else"') : l)),
  );
  const run = await verify([edited]);
  expect(run.code).toBe(1);
  expect(run.output).toMatch(/^changed: .*edited\.log:2: event seq 2, time \S+, requestId first-2: /m);
});

test('an edit whose plain SHA-256 is recomputed is still found with the key', async () => {
  const lines = linesOf(file);
  const forged = lines.map((l, i) => {
    if (i !== 0) return l;
    const edited = l.replace('"outcome":"ok"', '"outcome":"error"').replace(/,"hash":"[0-9a-f]{64}"\}$/, '}');
    return `${edited.slice(0, -1)},"hash":"${createHash('sha256').update(edited).digest('hex')}"}`;
  });
  const run = await verify([tampered('forged.log', forged)]);
  expect(run.code).toBe(1);
  expect(run.output).toMatch(/^changed: .*forged\.log:1: event seq 1, .*requestId first-1/m);
});

test('a deleted line is named as a gap', async () => {
  const run = await verify([
    tampered(
      'deleted.log',
      linesOf(file).filter((_, i) => i !== 1),
    ),
  ]);
  expect(run.code).toBe(1);
  expect(run.output).toMatch(/^removed: .*deleted\.log:2: event seq 3, .*requestId first-anon: seq 2 missing/m);
});

test('two swapped lines are named as reordered', async () => {
  const [a, b, c] = linesOf(file) as [string, string, string];
  const run = await verify([tampered('swapped.log', [a, c, b])]);
  expect(run.code).toBe(1);
  expect(run.output).toMatch(/^reordered: .*swapped\.log:2: event seq 3, /m);
});

test('a restart on the same file, then a rotation while serving, keep one chain', async () => {
  await serve(['second-1'], async (stack) => {
    // logrotate's `create`: the file is renamed and the next event opens a new one.
    renameSync(file, `${file}.1`);
    await stack.graphql('{ look(id: "1") { title } }', {
      token: await stack.token('demo-viewer'),
      headers: { 'x-request-id': 'after-rotate' },
    });
  });
  expect(linesOf(`${file}.1`).map((l) => (JSON.parse(l) as { requestId: string }).requestId)).toEqual([
    'first-1',
    'first-2',
    'first-anon',
    'second-1',
  ]);
  expect(JSON.parse(linesOf(file)[0] as string)).toMatchObject({ requestId: 'after-rotate', seq: 5 });

  const both = await verify([`${file}.1`, file]);
  expect(both.output).toContain('intact: 5 events, 2 files');
  expect(both.code).toBe(0);
  // The new file alone starts a chain segment: said, not a failure.
  const newest = await verify([file]);
  expect(newest.code).toBe(0);
  expect(newest.output).toMatch(/note: .*audit\.log:1: a chain segment starts at seq 5/);
  // With the older file missing its last event, the newer one no longer continues it.
  const cut = tampered('audit.log.1-cut', linesOf(`${file}.1`).slice(0, -1));
  const gap = await verify([cut, file]);
  expect(gap.code).toBe(1);
  expect(gap.output).toMatch(/^removed: .*audit\.log:1: event seq 5, .*requestId after-rotate: does not continue/m);
});
