import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import type { Engine } from '../../../emulator/engine/types';
import { generateSigningJwk } from '../../../demo/signing-keys';
import { accessTokenOf, requestToken, startIssuerApp, type IssuerApp } from '../auth/issuer-app';
import { createTestEngine, testAudience, testLookerSecret } from '../../support/subgraph-stack';
import { freePort } from '../../support/free-port';

const root = join(__dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const lookQuery = JSON.stringify({ query: '{ look(id: "1") { id title } }' });

let engine: Engine;
let emulator: RunningEmulator;
let issuer: IssuerApp;
let token: string;

interface RunningSubgraph {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  /** Standard error (the JSON application log) and standard output (the audit trail) so far. */
  output(): string;
  /** Resolves once the output matches. */
  waitFor(pattern: RegExp): Promise<void>;
  readonly exited: Promise<number | null>;
}

/** Starts `src/main.ts` as production runs it, configured against this file's emulator and issuer. */
async function startSubgraphProcess(env: Record<string, string>): Promise<RunningSubgraph> {
  const port = await freePort();
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOOKERSDK_BASE_URL: emulator.url,
      LOOKERSDK_CLIENT_ID: 'looker-admin',
      LOOKERSDK_CLIENT_SECRET: testLookerSecret,
      OIDC_ISSUER: issuer.issuer.issuer,
      OIDC_AUDIENCE: testAudience,
      // Every request here must reach Looker: the shared cache (on by default) is off.
      CACHE_METADATA_TTL: '0',
      CACHE_RESULT_TTL: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.filter((w) => w.pattern.test(output))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(output)) return resolve();
      waiters.push({ pattern, resolve });
      void exited.then((code) =>
        reject(new Error(`the subgraph exited (${code}) before printing ${pattern}: ${output.slice(-500)}`)),
      );
    });
  await waitFor(/subgraph listening/);
  return { child, url: `http://127.0.0.1:${port}`, port, output: () => output, waitFor, exited };
}

/** An HTTP/1.1 connection on which requests can be written at chosen moments (pipelined). */
function openConnection(
  port: number,
): Promise<{ socket: Socket; send(request: string): void; received: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const received = new Promise<string>((done) => socket.once('close', () => done(text)));
    socket.once('error', reject);
    socket.once('connect', () => resolve({ socket, send: (request) => socket.write(request), received }));
  });
}

const graphqlRequest = (body: string) =>
  `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const getRequest = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;

/** Resolves once the emulator has received more API requests than `before`. */
async function lookerRequestArrived(before: number): Promise<void> {
  while (emulator.stats().total <= before) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeAll(async () => {
  engine = await createTestEngine();
  emulator = await startEmulator({ port: 0, engine, clientSecret: testLookerSecret });
  issuer = await startIssuerApp({ audience: testAudience, jwks: { keys: [await generateSigningJwk()] } });
  token = accessTokenOf(await requestToken(issuer.tokenEndpoint, 'demo-analyst', 'demo-secret'));
});

afterAll(async () => {
  await issuer.close();
  await emulator.stop();
  await engine.close();
});

afterEach(() => {
  emulator.control.reset();
});

test('SIGTERM: readiness turns 503 at once, the request in flight completes, new connections are refused, exit 0', async () => {
  // The look is a metadata call: its deadline (10 s by default) must outlast the Looker latency below.
  const subgraph = await startSubgraphProcess({ SHUTDOWN_GRACE_SECONDS: '60', LOOKER_METADATA_TIMEOUT: '30' });
  try {
    const warm = await fetch(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: lookQuery,
    });
    expect(warm.status).toBe(200);
    expect(await (await fetch(`${subgraph.url}/readyz`)).json()).toEqual({ status: 'ready' });

    // A slow Looker keeps the next request in flight while the process is told to stop, and until the
    // probes below are on the connection: long enough for a loaded machine to get the drain log
    // through, well within the 60 s grace.
    emulator.control.setLatency({ ms: 10_000 });
    const before = emulator.stats().total;
    const connection = await openConnection(subgraph.port);
    connection.send(graphqlRequest(lookQuery));
    await lookerRequestArrived(before);
    subgraph.child.kill('SIGTERM');
    await subgraph.waitFor(/draining/);

    // Probes on the connection still open see the drain; the slow answer comes first (HTTP/1.1
    // answers in order), then readiness 503 and liveness 200, then the server closes the connection.
    connection.send(getRequest('/readyz') + getRequest('/healthz'));
    const text = await connection.received;
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    expect(statuses).toEqual([200, 503, 200]);
    expect(text).toMatch(/"data":\{"look":\{"id":"1","title":"[^"]+"\}\}/);
    expect(text).toContain('{"status":"draining"}');
    expect(text).toContain('{"status":"ok"}');

    await expect(fetch(`${subgraph.url}/healthz`)).rejects.toThrow();
    expect(await subgraph.exited).toBe(0);
    expect(subgraph.output()).toMatch(/"msg":"stopped"/);
    expect(subgraph.output()).not.toContain(testLookerSecret);
  } finally {
    subgraph.child.kill('SIGKILL');
  }
  // A process start, a warm-up and the 10 s request in flight: more headroom than jest's default 60 s.
}, 120_000);

test('SIGTERM: a request still running after the grace period has its connection closed, and the process exits 0', async () => {
  const subgraph = await startSubgraphProcess({ SHUTDOWN_GRACE_SECONDS: '0.5' });
  try {
    const warm = await fetch(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: lookQuery,
    });
    expect(warm.status).toBe(200);

    // Looker never answers this one.
    emulator.control.addFault({ status: 503, hang: true });
    const connection = await openConnection(subgraph.port);
    connection.send(graphqlRequest(lookQuery));
    await emulator.control.waitForHang();
    subgraph.child.kill('SIGTERM');

    // The connection is closed without an answer, and the process does not wait for Looker.
    expect(await connection.received).toBe('');
    expect(await subgraph.exited).toBe(0);
  } finally {
    subgraph.child.kill('SIGKILL');
  }
});

test('SIGTERM with a drain period: /readyz answers 503 while a request on a new connection is still served, then exit 0', async () => {
  const subgraph = await startSubgraphProcess({ SHUTDOWN_DRAIN_SECONDS: '5', SHUTDOWN_GRACE_SECONDS: '5' });
  try {
    const warm = await fetch(`${subgraph.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: lookQuery,
    });
    expect(warm.status).toBe(200);

    subgraph.child.kill('SIGTERM');
    await subgraph.waitFor(/draining/);

    // Each on a connection opened after the signal, as a load balancer's next check and next request are.
    const probe = await openConnection(subgraph.port);
    probe.send(getRequest('/readyz').replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
    const probed = await probe.received;
    expect(probed).toMatch(/^HTTP\/1\.1 503 /);
    expect(probed).toContain('{"status":"draining"}');

    const request = await openConnection(subgraph.port);
    request.send(graphqlRequest(lookQuery).replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
    const answered = await request.received;
    expect(answered).toMatch(/^HTTP\/1\.1 200 /);
    expect(answered).toMatch(/"data":\{"look":\{"id":"1","title":"[^"]+"\}\}/);

    // After the drain period the process finishes what is in flight and exits cleanly.
    expect(await subgraph.exited).toBe(0);
    expect(subgraph.output()).toMatch(/"msg":"drain period over/);
    expect(subgraph.output()).toMatch(/"msg":"stopped"/);
  } finally {
    subgraph.child.kill('SIGKILL');
  }
});
