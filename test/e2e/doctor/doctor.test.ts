import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JWK } from 'jose';
import { DEMO_USER_IDS, startEmulator, type RunningEmulator } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import { generateSigningJwk } from '../../../demo/signing-keys';
import { projectRoot } from '../../../src/config/project-root';
import { redisServerInstalled } from '../../support/redis-availability';
import { startRedisServer, type RedisServer } from '../../support/redis-server';
import { createTestEngine, testAudience, testLookerSecret } from '../../support/subgraph-stack';
import { startIssuerApp, type IssuerApp } from '../auth/issuer-app';
import { freePort as closedPort } from '../../support/free-port';

// `npm run doctor` as an operator runs it: a real process with the production environment,
// against a real emulator (both flavours), a real OIDC issuer and a real redis-server.

let engine: Engine;
let original: RunningEmulator;
let core: RunningEmulator;
let notAdmin: RunningEmulator;
let issuer: IssuerApp;
let redis: RedisServer | undefined;
// The check that Redis answers needs a real redis-server; the rest of the suite runs without one.
const withRedisServer = redisServerInstalled() ? test : test.skip;
let dir: string;

beforeAll(async () => {
  engine = await createTestEngine();
  original = await startEmulator({ engine, clientSecret: testLookerSecret });
  core = await startEmulator({ engine, clientSecret: testLookerSecret, flavor: 'core' });
  notAdmin = await startEmulator({ engine, clientSecret: testLookerSecret, apiUserId: DEMO_USER_IDS.viewer });
  const signingKey: JWK = await generateSigningJwk();
  issuer = await startIssuerApp({ audience: testAudience, jwks: { keys: [signingKey] } });
  if (redisServerInstalled()) redis = await startRedisServer();
  dir = await mkdtemp(path.join(tmpdir(), 'doctor-'));
});

afterAll(async () => {
  await Promise.all([original?.stop(), core?.stop(), notAdmin?.stop(), issuer?.close(), redis?.stop()]);
  await engine?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The production environment of a subgraph on `looker`, plus `extra`. */
function productionEnv(looker: RunningEmulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOOKERSDK_BASE_URL: looker.url,
    LOOKERSDK_CLIENT_ID: 'looker-admin',
    LOOKERSDK_CLIENT_SECRET: testLookerSecret,
    OIDC_ISSUER: issuer.issuer.issuer,
    OIDC_AUDIENCE: testAudience,
    ...extra,
  };
}

interface DoctorRun {
  readonly code: number | null;
  readonly output: string;
  readonly lines: string[];
  /** The line of one check, by its name. */
  line(name: string): string;
}

/** Runs `tsx scripts/doctor.ts` with exactly `env` (and PATH), as `npm run doctor` would. */
function doctor(env: Record<string, string>): Promise<DoctorRun> {
  const root = projectRoot();
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['scripts/doctor.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const lines = output.split('\n').filter(Boolean);
      resolve({
        code,
        output,
        lines,
        line: (name) => lines.find((l) => l.slice(2).startsWith(`${name}:`)) ?? `(no line for ${name} in:\n${output})`,
      });
    });
  });
}

const passed = (run: DoctorRun) => {
  expect(run.lines.filter((l) => l.startsWith('✗'))).toEqual([]);
  expect(run.code).toBe(0);
};

test('a good configuration, original flavour, service mode, with a policy: every check passes', async () => {
  const policy = path.join(dir, 'good.yaml');
  await writeFile(policy, 'rules:\n  - when: { claim: groups, includes: [analysts] }\n    grant: [looker:data:read]\n');
  const run = await doctor(productionEnv(original, { POLICY_FILE: policy }));
  passed(run);
  expect(run.line('Looker reachable')).toBe(`✓ Looker reachable: ${original.url} (Looker 26.12.0)`);
  expect(run.line('API3 login')).toMatch(/^✓ API3 login: logged in as Looker user 1 /);
  expect(run.line('LOOKER_IDENTITY=service')).toMatch(/^✓/);
  expect(run.line('OIDC discovery and JWKS')).toMatch(/^✓ .*1 signing key$/);
  expect(run.line('OIDC algorithms')).toMatch(/^✓/);
  expect(run.line('policy file')).toBe(`✓ policy file: ${policy}: 1 rule`);
  expect(run.output).not.toContain(testLookerSecret);
});

withRedisServer('with Redis configured and answering, the Redis check passes too', async () => {
  const server = redis as RedisServer;
  const run = await doctor(productionEnv(original, { REDIS_URL: server.url }));
  passed(run);
  expect(run.line('Redis')).toBe(`✓ Redis: redis://127.0.0.1:${server.port} answers PING`);
});

test('per-user mode on the original flavour: every mapping works', async () => {
  const run = await doctor(productionEnv(original, { LOOKER_IDENTITY: 'user', LOOKER_USER_MAPPING: 'email' }));
  passed(run);
  expect(run.line('LOOKER_IDENTITY=user')).toMatch(
    /^✓ LOOKER_IDENTITY=user: Looker \(original\): login_user for any user; mapping email; works: embed credential .*email/,
  );
});

test('per-user mode on Google Cloud core with the embed mapping: passes and says what does not work', async () => {
  const run = await doctor(productionEnv(core, { LOOKER_IDENTITY: 'user' }));
  passed(run);
  expect(run.line('API3 login')).toMatch(/a service account\)$/);
  expect(run.line('LOOKER_IDENTITY=user')).toMatch(
    /^✓ LOOKER_IDENTITY=user: Looker \(Google Cloud core\): login_user only for embed users; mapping embed; .*does not work: email/,
  );
});

test('Google Cloud core with the email mapping fails, with the fix', async () => {
  const run = await doctor(productionEnv(core, { LOOKER_IDENTITY: 'user', LOOKER_USER_MAPPING: 'email' }));
  expect(run.code).toBe(1);
  expect(run.line('LOOKER_IDENTITY=user')).toMatch(
    /^✗ LOOKER_IDENTITY=user: Looker \(Google Cloud core\).* — fix: set LOOKER_USER_MAPPING=embed/,
  );
});

test('an API user who is not an admin fails per-user mode (and only that)', async () => {
  const run = await doctor(productionEnv(notAdmin, { LOOKER_IDENTITY: 'user' }));
  expect(run.code).toBe(1);
  expect(run.lines.filter((l) => l.startsWith('✗'))).toEqual([
    expect.stringMatching(
      /^✗ LOOKER_IDENTITY=user: the API user may not call login_user.* — fix: give the API user the Admin role/,
    ),
  ]);
  // The same API user is fine for service mode.
  passed(await doctor(productionEnv(notAdmin)));
});

test('Looker unreachable', async () => {
  const run = await doctor({
    ...productionEnv(original),
    LOOKERSDK_BASE_URL: `http://127.0.0.1:${await closedPort()}`,
  });
  expect(run.code).toBe(1);
  expect(run.line('Looker reachable')).toMatch(/^✗ Looker reachable: .* — fix: check LOOKERSDK_BASE_URL/);
  expect(run.line('API3 login')).toMatch(/^✗ API3 login: not tried/);
});

test('a wrong API3 secret: the login fails, and the secret is not printed', async () => {
  const wrong = 'wrong-secret-5f1e7c';
  const run = await doctor({ ...productionEnv(original), LOOKERSDK_CLIENT_SECRET: wrong });
  expect(run.code).toBe(1);
  expect(run.line('Looker reachable')).toMatch(/^✓/);
  expect(run.line('API3 login')).toMatch(
    /^✗ API3 login: Looker refused the API3 client id or secret — fix: set LOOKERSDK_CLIENT_ID and LOOKERSDK_CLIENT_SECRET/,
  );
  expect(run.output).not.toContain(wrong);
});

test('the OIDC issuer unreachable', async () => {
  const run = await doctor({ ...productionEnv(original), OIDC_ISSUER: `http://127.0.0.1:${await closedPort()}/oidc` });
  expect(run.code).toBe(1);
  expect(run.line('OIDC discovery and JWKS')).toMatch(
    /^✗ .* — fix: OIDC_ISSUER must be exactly the "iss" of your tokens/,
  );
  expect(run.line('Looker reachable')).toMatch(/^✓/);
});

test('algorithms the issuer’s keys cannot verify', async () => {
  const run = await doctor({ ...productionEnv(original), OIDC_ALGORITHMS: 'ES256' });
  expect(run.code).toBe(1);
  expect(run.line('OIDC algorithms')).toMatch(
    /^✗ OIDC algorithms: no key of the issuer can verify ES256 \(keys: RS256\) — fix: set OIDC_ALGORITHMS/,
  );
});

test('an invalid policy file', async () => {
  const policy = path.join(dir, 'bad.yaml');
  await writeFile(policy, 'rules:\n  - when: { claim: groups }\n    grant: [not a scope]\n');
  const run = await doctor(productionEnv(original, { POLICY_FILE: policy }));
  expect(run.code).toBe(1);
  expect(run.line('policy file')).toMatch(
    new RegExp(
      `^✗ policy file: Invalid policy file ${policy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.* — fix: correct the file`,
    ),
  );
});

test('Redis unreachable: fails without printing its password', async () => {
  const port = await closedPort();
  const run = await doctor(productionEnv(original, { REDIS_URL: `redis://:redis-pass-91c2@127.0.0.1:${port}` }));
  expect(run.code).toBe(1);
  expect(run.line('Redis')).toMatch(
    new RegExp(`^✗ Redis: redis://127.0.0.1:${port}: .* — fix: start Redis or correct REDIS_URL`),
  );
  expect(run.output).not.toContain('redis-pass-91c2');
});

test('a public cache scope in per-user mode fails, saying why and what to set', async () => {
  const run = await doctor(productionEnv(original, { LOOKER_IDENTITY: 'user', CACHE_CONTROL_SCOPE: 'public' }));
  expect(run.code).toBe(1);
  expect(run.lines).toEqual([
    expect.stringMatching(
      /^✗ configuration: .*CACHE_CONTROL_SCOPE=public cannot go with LOOKER_IDENTITY=user: .*one user's answer to another; use private/,
    ),
  ]);
});
