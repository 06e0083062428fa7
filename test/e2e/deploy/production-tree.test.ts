import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { apolloClient } from '../../support/apollo-client';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import { DEMO_CLIENT_SECRET } from '../../../demo/demo-clients';
import { gatewayConfig } from '../../../deploy/compose/gateway.config';
import { startStandaloneIssuer, type StandaloneIssuer } from '../../../deploy/compose/demo-issuer';
import { composeSupergraph } from '../../../deploy/compose/supergraph';
import { buildWeb } from '../../../scripts/build-web';
import { accessTokenOf, requestToken } from '../auth/issuer-app';
import { createTestEngine, testAudience, testLookerSecret } from '../../support/subgraph-stack';
import { freePort } from '../../support/free-port';
import { argsOf, copiesOf, dockerfileStages, execForm, stageNamed } from '../../unit/deploy/dockerfile-stages';
import { podSettings } from '../../unit/deploy/kubernetes-settings';
import { documentedProductionInstall } from '../../unit/deploy/production-install';

/**
 * What the image holds, built here without Docker: the Dockerfile's production stage replayed into
 * a temporary folder (its COPY instructions, dist/ compiled as `npm run build` compiles it, and
 * docs/production.md's production install), then started as the image starts it
 * (`node dist/src/main.js`, NODE_ENV=production, as an unprivileged user when the test runs as
 * root), with the Kubernetes Deployment's settings and mounted files, against the Looker emulator
 * and the demo issuer, behind Hive Gateway with the Compose file's gateway configuration.
 */

const root = join(__dirname, '..', '..', '..');
const run = promisify(execFile);
const production = stageNamed(dockerfileStages(), 'production');

let tree: string;
let mounts: string;
let engine: Engine;
let emulator: RunningEmulator;
let issuer: StandaloneIssuer;
let subgraph: ChildProcess;
let exited: Promise<number | null>;
let output = '';
let port: number;
let metricsPort: number;
let gateway: { url: string; close(): Promise<void> };
/** The tree's files (path, size, modification time) before the subgraph started. */
let filesBefore: string[];

/** Every file under `dir`, with its size and modification time, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const stats = statSync(path);
      return `${path} ${stats.size} ${stats.mtimeMs}`;
    })
    .sort();
}

/**
 * Replays the production stage into `tree`: its COPY instructions, and its install. The install
 * and the build stage's compile touch different folders, so they run side by side.
 */
async function buildProductionTree(): Promise<void> {
  const steps: Promise<unknown>[] = [];
  for (const copy of copiesOf(production)) {
    for (const source of copy.sources) {
      const target = join(tree, copy.destination, copy.destination.endsWith('/') ? basename(source) : '');
      if (copy.from === undefined) {
        cpSync(join(root, source), target, { recursive: true });
      } else if (source === '/app/dist') {
        // The build stage's dist/, as `npm run build` makes it: the compiler's output, then the web assets.
        const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
        const compiled = run(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', target], { cwd: root });
        steps.push(compiled.then(() => cpSync(join(root, 'dist', 'web'), join(target, 'web'), { recursive: true })));
      } else {
        cpSync(join(root, source.replace(/^\/app\//, '')), target, { recursive: true });
      }
    }
  }
  // The settings of the npm running the tests (npm test) stay out of the install, as in an image build.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const [npm = '', ...args] = `${documentedProductionInstall()} --prefer-offline --no-audit --no-fund`.split(' ');
  steps.push(run(npm, args, { cwd: tree, env }));
  await Promise.all(steps);
}

/** Waits until `url` answers 200, or the subgraph exits. */
async function waitFor(url: string): Promise<void> {
  for (;;) {
    if (subgraph.exitCode !== null)
      throw new Error(`the subgraph exited (${subgraph.exitCode}): ${output.slice(-1500)}`);
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs the Dockerfile's HEALTHCHECK command as Docker would inside the container; resolves with its exit code. */
function healthcheck(): Promise<number> {
  const [args] = argsOf(production, 'HEALTHCHECK');
  const [, flag, script] = execForm((args ?? '').slice((args ?? '').indexOf('CMD ') + 'CMD '.length));
  return new Promise((resolve) => {
    execFile(process.execPath, [flag ?? '', script ?? ''], { env: { PORT: String(port) } }, (error) =>
      resolve(error ? Number(error.code ?? 1) : 0),
    );
  });
}

beforeAll(async () => {
  tree = mkdtempSync(join(tmpdir(), 'production-tree-'));
  mounts = mkdtempSync(join(tmpdir(), 'production-mounts-'));
  // Readable by the unprivileged user, writable by root only, as the image's files are.
  chmodSync(tree, 0o755);
  chmodSync(mounts, 0o755);
  await buildWeb();
  await buildProductionTree();

  engine = await createTestEngine();
  emulator = await startEmulator({ port: 0, engine, clientSecret: testLookerSecret });
  issuer = await startStandaloneIssuer({
    issuerUrl: `http://127.0.0.1:${await freePort()}/oidc`,
    audience: testAudience,
    host: '127.0.0.1',
  });

  const settings = podSettings(mounts);
  for (const [path, content] of Object.entries(settings.files)) writeFileSync(path, content, { mode: 0o644 });
  writeFileSync(settings.env['LOOKERSDK_CLIENT_ID_FILE'] ?? '', 'looker-admin\n');
  writeFileSync(settings.env['LOOKERSDK_CLIENT_SECRET_FILE'] ?? '', `${testLookerSecret}\n`);
  port = await freePort();
  metricsPort = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // The image's ENV, then the pod's settings; only what points at this machine differs.
    NODE_ENV: 'production',
    ...settings.env,
    LOOKERSDK_BASE_URL: emulator.url,
    OIDC_ISSUER: issuer.tokenEndpoint.replace(/\/token$/, ''),
    OIDC_AUDIENCE: testAudience,
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    SHUTDOWN_DRAIN_SECONDS: '5',
    // Nowhere to write: a read-only root filesystem has no temporary folder either.
    TMPDIR: join(tree, 'no-such-tmp'),
    HOME: '/nonexistent',
  };
  delete env['REDIS_URL'];

  const [entry = '', ...entryArgs] = execForm(argsOf(production, 'ENTRYPOINT')[0] ?? '');
  expect(entry).toBe('node');
  const asRoot = process.getuid?.() === 0;
  const command = asRoot
    ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, ...entryArgs]
    : [process.execPath, ...entryArgs];
  filesBefore = filesUnder(tree);
  subgraph = spawn(command[0] ?? '', command.slice(1), { cwd: tree, env, stdio: ['ignore', 'pipe', 'pipe'] });
  exited = new Promise((resolve) => subgraph.once('exit', (code) => resolve(code)));
  subgraph.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  subgraph.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(`http://127.0.0.1:${port}/readyz`);

  // The Compose file's gateway: its header rules, over the supergraph its supergraph service composes.
  const runtime = createGatewayRuntime({
    supergraph: composeSupergraph(`http://127.0.0.1:${port}/graphql`),
    propagateHeaders: gatewayConfig.propagateHeaders,
    logging: false,
    graphiql: false,
    landingPage: false,
  });
  const gatewayPort = await freePort();
  const server: Server = createServer((req, res) => void runtime(req, res));
  await new Promise<void>((resolve) => server.listen(gatewayPort, '127.0.0.1', () => resolve()));
  gateway = {
    url: `http://127.0.0.1:${gatewayPort}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}, 180_000);

afterAll(async () => {
  await gateway?.close();
  if (subgraph && subgraph.exitCode === null) {
    subgraph.kill('SIGKILL');
    await exited;
  }
  await issuer?.close();
  await emulator?.stop();
  await engine?.close();
  for (const dir of [tree, mounts]) if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tree holds the production dependencies, dist/ and schema/, and none of the sources, the emulator, the demo, oidc-provider or DuckDB', () => {
  expect(existsSync(join(tree, 'dist', 'src', 'main.js'))).toBe(true);
  expect(existsSync(join(tree, 'dist', 'web', 'graphiql'))).toBe(true);
  expect(readdirSync(join(tree, 'schema')).some((file) => file.endsWith('.graphql'))).toBe(true);
  expect(existsSync(join(tree, 'node_modules', '@apollo', 'server'))).toBe(true);
  for (const absent of [
    'src',
    'demo',
    'emulator',
    'test',
    join('node_modules', 'oidc-provider'),
    join('node_modules', '@duckdb'),
    join('node_modules', 'looker-api-emulator'),
    join('node_modules', 'typescript'),
  ]) {
    expect([absent, existsSync(join(tree, absent))]).toEqual([absent, false]);
  }
});

test('it runs as an unprivileged user (when the test runs as root) that cannot write to its own files', () => {
  const status = readFileSync(`/proc/${subgraph.pid}/status`, 'utf8');
  const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
  if (process.getuid?.() !== 0) {
    expect(uid).toBe(process.getuid?.());
    return;
  }
  expect(uid).toBe(Number(execFileSync('id', ['-u', 'nobody']).toString().trim()));
  const asNobody = ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'touch'];
  expect(() => execFileSync('setpriv', [...asNobody, join(tree, 'dist', 'written')], { stdio: 'pipe' })).toThrow(
    /Permission denied/,
  );
});

test('an Apollo Client through the gateway gets a look with a demo token', async () => {
  const token = accessTokenOf(await requestToken(issuer.tokenEndpoint, 'demo-analyst', DEMO_CLIENT_SECRET));
  const client = apolloClient(`${gateway.url}/graphql`, token);
  const query: TypedDocumentNode<{ look: { id: string; title: string } | null }> = gql`
    query Look {
      look(id: "1") {
        id
        title
      }
    }
  `;
  const { data, error } = await client.query({ query });
  expect(error).toBeUndefined();
  expect(data?.look).toEqual({ __typename: 'Look', id: '1', title: expect.any(String) });
});

test("Prometheus can scrape METRICS_PORT, and the Dockerfile's health check passes", async () => {
  const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  expect(metrics.status).toBe(200);
  expect(await metrics.text()).toMatch(/^process_cpu_user_seconds_total/m);
  expect(await healthcheck()).toBe(0);
});

test('on SIGTERM it drains (readiness 503, health still passing), exits 0 by itself, and wrote no file', async () => {
  subgraph.kill('SIGTERM');
  // Draining: the orchestrator stops routing here, and must not restart the container meanwhile.
  let readiness = 200;
  while (readiness === 200) {
    readiness = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
  }
  expect(readiness).toBe(503);
  expect(await healthcheck()).toBe(0);
  expect(await exited).toBe(0);
  expect(await healthcheck()).toBe(1);
  expect(filesUnder(tree)).toEqual(filesBefore);
  expect(output).not.toMatch(/EACCES|EROFS/);
});
