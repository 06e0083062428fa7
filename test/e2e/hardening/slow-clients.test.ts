import { connect, type Socket } from 'node:net';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Slow and idle clients cannot hold the server's connections: headers must arrive within
 * HTTP_HEADERS_TIMEOUT, the whole request within HTTP_REQUEST_TIMEOUT, and at most
 * HTTP_MAX_CONNECTIONS are open at once. Bounds are small here so the test sees them act.
 */
let stack: SubgraphStack;
let port: number;

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { HTTP_HEADERS_TIMEOUT: '2', HTTP_REQUEST_TIMEOUT: '3', HTTP_MAX_CONNECTIONS: '8' } });
  port = Number(new URL(stack.url).port);
});

afterAll(async () => {
  await stack?.stop();
});

/** A raw connection that records what the server sent and whether it closed. */
interface Client {
  readonly socket: Socket;
  received(): string;
  readonly closed: Promise<void>;
}

async function open(): Promise<Client> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => received, closed };
}

/** Writes `chunk` every 250 ms, at most `times` times or until the socket closes; resolves whether it closed meanwhile. */
async function drip(client: Client, chunk: string, times: number): Promise<boolean> {
  let closed = false;
  void client.closed.then(() => (closed = true));
  for (let i = 0; i < times && !closed; i += 1) {
    client.socket.write(chunk);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return closed;
}

test('a client dripping its headers is answered 408 and disconnected while it still drips', async () => {
  const client = await open();
  client.socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
  // 40 drips of 250 ms: far longer than the 2 s the headers may take.
  expect(await drip(client, 'a', 40)).toBe(true);
  expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
});

test('an authenticated client dripping its body is answered 408 and disconnected while it still drips', async () => {
  const token = await stack.token('demo-analyst');
  const client = await open();
  client.socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"query":"`);
  expect(await drip(client, ' ', 40)).toBe(true);
  expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
});

test('a connection that never sends anything is closed; one kept alive after an answer is not cut by the header bound', async () => {
  const idle = await open();
  const kept = await open();
  kept.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
  let idleClosed = false;
  void idle.closed.then(() => (idleClosed = true));
  for (let i = 0; i < 40 && !idleClosed; i += 1) await new Promise((resolve) => setTimeout(resolve, 250));
  expect(idleClosed).toBe(true);
  expect(kept.received()).toMatch(/^HTTP\/1\.1 200 /);
  // Kept alive for HTTP_KEEP_ALIVE_TIMEOUT (65 s), longer than the headers' bound: it serves again.
  kept.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
  for (let i = 0; i < 40 && (kept.received().match(/HTTP\/1\.1 200 /g) ?? []).length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  expect((kept.received().match(/HTTP\/1\.1 200 /g) ?? []).length).toBe(2);
  kept.socket.destroy();
});

test('connections beyond HTTP_MAX_CONNECTIONS are closed at once; served again once the others are gone', async () => {
  const held = await Promise.all(Array.from({ length: 8 }, () => open()));
  const extra = await open();
  extra.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
  await extra.closed;
  expect(extra.received()).toBe('');
  for (const client of held) client.socket.destroy();
  await Promise.all(held.map((c) => c.closed));
  // The server counts a connection gone once its close is processed: give it a few turns.
  let status = 0;
  for (let i = 0; i < 20 && status !== 200; i += 1) {
    status = await fetch(`${stack.url}/healthz`).then((r) => r.status, () => 0);
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(status).toBe(200);
});
