import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiCredentialsSnapshot } from '../../../emulator';
import { DEMO_LOGINS } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import {
  createTestEngine,
  startSubgraphStack,
  testAudience,
  testLookerSecret,
  type SubgraphStack,
} from '../../support/subgraph-stack';

const loginRoute = 'POST /api/4.0/login';
const reloadedMessage = 'Looker credentials reloaded';

let engine: Engine;
let dir: string;
let secretFile: string;
let stack: SubgraphStack | undefined;

/** Replaces the file as a secrets manager or a Kubernetes secret volume does: write aside, then rename. */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, file);
}

async function credentialsOf(s: SubgraphStack): Promise<ApiCredentialsSnapshot> {
  const response = await fetch(`${s.emulator.url}/__emulator/credentials`);
  return (await response.json()) as ApiCredentialsSnapshot;
}

async function loginCount(s: SubgraphStack): Promise<number> {
  return (await s.lookerStats()).byRoute[loginRoute] ?? 0;
}

/** Resolves once `condition` holds, checking as often as the event loop allows a fetch. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

const lookQuery = (id: number) => `{ look(id: "${id}") { id title } }`;

beforeAll(async () => {
  engine = await createTestEngine();
});

afterAll(async () => {
  await engine.close();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'looker-credentials-'));
  secretFile = join(dir, 'client_secret');
  // As mounted by secrets managers: with a trailing newline, which is not part of the secret.
  await writeFile(secretFile, `${testLookerSecret}\n`, { mode: 0o600 });
});

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
  await rm(dir, { recursive: true, force: true });
});

test('a secret rotated under steady traffic fails no request, and the next logins use the new one', async () => {
  stack = await startSubgraphStack({ engine, lookerSecretFile: secretFile });
  const s = stack;
  const token = await s.token('demo-analyst');
  const newSecret = 'rotated-secret-0f3b7c1e9a';
  s.checkNoLeakOf(newSecret);

  const total = 200;
  const parallel = 8;
  let started = 0;
  let rotated: Promise<void> | undefined;
  const failures: string[] = [];
  const worker = async (): Promise<void> => {
    while (started < total) {
      started += 1;
      const index = started;
      if (index === total / 2) {
        // Midway, as a rotation happens: the secrets manager writes the file, Looker's key
        // changes, and tokens expire so that new logins must happen while requests flow.
        rotated = (async () => {
          await writeAtomically(secretFile, `${newSecret}\n`);
          await s.control('credentials', { clientSecret: newSecret });
          await s.control('tokens/expire');
        })();
        await rotated;
      }
      const answer = await s.graphql(lookQuery((index % 5) + 1), { token });
      if (answer.status !== 200 || answer.body.errors !== undefined || answer.body.data?.look === null) {
        failures.push(`#${index}: ${answer.status} ${JSON.stringify(answer.body.errors ?? answer.body.data)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));

  expect(rotated).toBeDefined();
  expect(failures).toEqual([]);
  const credentials = await credentialsOf(s);
  expect(credentials.rotations).toBe(1);
  // Logins after the rotation used the new secret, and none was tried with the old one.
  expect(credentials.loginsSinceRotation.accepted).toBeGreaterThanOrEqual(1);
  expect(credentials.loginsSinceRotation.refused).toBe(0);
  expect(
    s.logLines.some((line) => line.includes(reloadedMessage) && line.includes('LOOKERSDK_CLIENT_SECRET_FILE')),
  ).toBe(true);
});

test('a login refused with the old secret re-reads the file and retries once', async () => {
  // The held login, the retry login and the look all run within the one call's deadline: 20 s leaves
  // a loaded machine ample room after the 5 s hold below (the default 10 s would leave 5 s).
  stack = await startSubgraphStack({ engine, lookerSecretFile: secretFile, lookerTimeoutMs: 20_000 });
  const s = stack;
  const token = await s.token('demo-analyst');
  const newSecret = 'late-secret-5d2a8e40c7';
  s.checkNoLeakOf(newSecret);
  expect((await s.graphql(lookQuery(1), { token })).body.errors).toBeUndefined();

  // Looker rotates first; the file follows only while the login with the old secret is on its
  // way (held by latency on the login route), as when a secrets manager lags behind. The hold is long
  // enough for a loaded machine to see the login arrive and write the file before Looker answers it.
  await s.control('credentials', { clientSecret: newSecret });
  await s.control('tokens/expire');
  await s.control('latency', { ms: 5_000, route: 'POST /login' });
  const loginsBefore = await loginCount(s);
  const pending = s.graphql(lookQuery(2), { token });
  await until(async () => (await loginCount(s)) > loginsBefore);
  await writeAtomically(secretFile, `${newSecret}\n`);
  await s.control('reset', { stats: false, faults: false });

  const answer = await pending;
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toEqual({ look: { id: '2', title: expect.any(String) } });
  // One login refused with the old secret, one accepted with the re-read one.
  expect((await credentialsOf(s)).loginsSinceRotation).toEqual({ accepted: 1, refused: 1 });
  expect(s.logLines.some((line) => line.includes(reloadedMessage))).toBe(true);
});

test('a refused login is not retried while the file still holds the refused secret', async () => {
  stack = await startSubgraphStack({ engine, lookerSecretFile: secretFile });
  const s = stack;
  const token = await s.token('demo-analyst');
  const newSecret = 'slow-manager-secret-91bd2f';
  s.checkNoLeakOf(newSecret);
  await s.control('credentials', { clientSecret: newSecret });
  await s.control('tokens/expire');

  const refused = await s.graphql(lookQuery(1), { token });
  expect(refused.body.data).toEqual({ look: null });
  expect(refused.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  expect((await credentialsOf(s)).loginsSinceRotation).toEqual({ accepted: 0, refused: 1 });

  // Once the file changes, the next login picks it up without a restart.
  await writeAtomically(secretFile, `${newSecret}\n`);
  const served = await s.graphql(lookQuery(1), { token });
  expect(served.body.errors).toBeUndefined();
  expect((await credentialsOf(s)).loginsSinceRotation).toEqual({ accepted: 1, refused: 1 });
});

test('per-user mode: login_user keeps working across a rotation, through the reloaded service login', async () => {
  stack = await startSubgraphStack({ engine, lookerSecretFile: secretFile, env: { LOOKER_IDENTITY: 'user' } });
  const s = stack;
  const now = Math.floor(Date.now() / 1000);
  const token = await s.forgeToken({
    iss: s.issuer.issuer.issuer,
    aud: testAudience,
    sub: DEMO_LOGINS.analyst,
    scope: 'looker:content:read',
    iat: now,
    exp: now + 600,
  });
  const newSecret = 'per-user-rotated-secret-77a1';
  s.checkNoLeakOf(newSecret);
  expect((await s.graphql(lookQuery(1), { token })).body.errors).toBeUndefined();

  await writeAtomically(secretFile, `${newSecret}\n`);
  await s.control('credentials', { clientSecret: newSecret });
  await s.control('tokens/expire');
  const loginUserBefore = (await s.lookerStats()).byRoute['POST /api/4.0/login/:user_id'] ?? 0;

  const answer = await s.graphql(lookQuery(2), { token });
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data).toEqual({ look: { id: '2', title: expect.any(String) } });
  expect((await s.lookerStats()).byRoute['POST /api/4.0/login/:user_id'] ?? 0).toBeGreaterThan(loginUserBefore);
  expect((await credentialsOf(s)).loginsSinceRotation).toEqual({ accepted: 1, refused: 0 });
});
