import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import { generateSigningJwk } from '../../../demo/signing-keys';
import { accessTokenOf, requestToken, startIssuerApp, type IssuerApp } from '../auth/issuer-app';
import { createTestEngine, testAudience, testLookerSecret } from '../../support/subgraph-stack';
import { freePort } from '../../support/free-port';

/**
 * Production (`NODE_ENV=production`, src/main.ts) loads nothing of the demo or the emulator, nor
 * their packages: a preloaded hook lists every file the process loads, through require and import,
 * and the list is read once the process has served a query and stopped. The same hook on `npm start`'s
 * entry (the embedded demo) lists all of them, so the hook sees what it is asked about.
 */

const root = join(__dirname, '..', '..', '..');
const hook = join(__dirname, 'loaded-modules-hook.cjs');
const lookQuery = JSON.stringify({ query: '{ look(id: "1") { id title } }' });

let engine: Engine;
let emulator: RunningEmulator;
let issuer: IssuerApp;
let scratch: string;

beforeAll(async () => {
  engine = await createTestEngine();
  emulator = await startEmulator({ port: 0, engine, clientSecret: testLookerSecret });
  issuer = await startIssuerApp({ audience: testAudience, jwks: { keys: [await generateSigningJwk()] } });
  scratch = mkdtempSync(join(tmpdir(), 'loaded-modules-'));
});

afterAll(async () => {
  await issuer?.close();
  await emulator?.stop();
  await engine?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A process started with the hook: waits for `ready` in its output. */
interface HookedProcess {
  /** Sends SIGTERM; resolves with the exit code and every file the process loaded. */
  stop(): Promise<{ code: number | null; loaded: string[] }>;
}

/** Runs `entry` under tsx, as `npm start` and the tests run the sources, with the hook preloaded. */
async function startHooked(entry: string, env: Record<string, string>, ready: RegExp): Promise<HookedProcess> {
  const listFile = join(scratch, `${entry.replace(/\W/g, '-')}.txt`);
  const child = spawn(process.execPath, ['--require', hook, '--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, ...env, LOADED_MODULES_FILE: listFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then((code) => reject(new Error(`${entry} exited (${code}) before ${ready}: ${output.slice(-800)}`)));
  });
  return {
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      const loaded = readFileSync(listFile, 'utf8')
        .split('\n')
        .filter((line) => line !== '');
      return { code, loaded };
    },
  };
}

/** Loaded files of the demo or the emulator, and of the packages only they need. */
function demoOrEmulatorFiles(loaded: readonly string[]): {
  demo: string[];
  emulator: string[];
  oidcProvider: string[];
  duckdb: string[];
} {
  const under = (folder: string) => loaded.filter((file) => file.startsWith(join(root, folder) + sep));
  return {
    demo: under('demo'),
    emulator: under('emulator'),
    oidcProvider: loaded.filter((file) => file.includes(`${sep}node_modules${sep}oidc-provider${sep}`)),
    duckdb: loaded.filter((file) => file.includes(`${sep}node_modules${sep}@duckdb${sep}`)),
  };
}

test('NODE_ENV=production src/main.ts serves a query and GraphiQL without loading the demo, the emulator, oidc-provider or DuckDB', async () => {
  const port = await freePort();
  const subgraph = await startHooked(
    'src/main.ts',
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOOKERSDK_BASE_URL: emulator.url,
      LOOKERSDK_CLIENT_ID: 'looker-admin',
      LOOKERSDK_CLIENT_SECRET: testLookerSecret,
      OIDC_ISSUER: issuer.issuer.issuer,
      OIDC_AUDIENCE: testAudience,
      // GraphiQL is mounted with introspection: on, so its router is loaded too.
      INTROSPECTION: 'true',
    },
    /subgraph listening/,
  );
  let stopped: { code: number | null; loaded: string[] } | undefined;
  try {
    const token = accessTokenOf(await requestToken(issuer.tokenEndpoint, 'demo-analyst', 'demo-secret'));
    const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: lookQuery,
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { look: { id: '1', title: expect.any(String) } } });
    expect((await fetch(`http://127.0.0.1:${port}/graphiql`)).status).toBe(200);
  } finally {
    stopped = await subgraph.stop();
  }
  expect(stopped.code).toBe(0);
  // The list holds the production code itself: the hook saw the process load.
  expect(stopped.loaded).toEqual(
    expect.arrayContaining([join(root, 'src', 'main.ts'), join(root, 'src', 'server.ts')]),
  );
  expect(demoOrEmulatorFiles(stopped.loaded)).toEqual({ demo: [], emulator: [], oidcProvider: [], duckdb: [] });
});

test('the same hook on `npm start` (demo/main.ts, nothing configured) lists the demo, the emulator, oidc-provider and DuckDB', async () => {
  const port = await freePort();
  const demo = await startHooked(
    'demo/main.ts',
    { PORT: String(port), LOOKER_EMULATOR_PORT: String(await freePort()), NODE_ENV: 'development' },
    /embedded demo/,
  );
  let stopped: { code: number | null; loaded: string[] } | undefined;
  try {
    const token = accessTokenOf(
      await requestToken(`http://127.0.0.1:${port}/oidc/token`, 'demo-analyst', 'demo-secret'),
    );
    const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: lookQuery,
    });
    expect(answer.status).toBe(200);
  } finally {
    stopped = await demo.stop();
  }
  const { code, loaded } = stopped;
  expect(code).toBe(0);
  const found = demoOrEmulatorFiles(loaded);
  expect(found.demo).toContain(join(root, 'demo', 'oidc-issuer.ts'));
  expect(found.emulator).toContain(join(root, 'emulator', 'index.ts'));
  expect(found.oidcProvider.length).toBeGreaterThan(0);
  expect(found.duckdb.length).toBeGreaterThan(0);
});
