import { connect, type Socket } from 'node:net';
import { Agent, fetch } from 'undici';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * Slow and idle clients cannot hold the server's connections: headers must arrive within
 * HTTP_HEADERS_TIMEOUT, the whole request within HTTP_REQUEST_TIMEOUT, an answer must keep
 * leaving within HTTP_SEND_TIMEOUT, at most HTTP_MAX_CONNECTIONS are open at once, and near that
 * cap idle connections make room for new ones. Bounds are small here so the test sees them act.
 */

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection that records what the server sent and whether it closed. */
interface Client {
  readonly socket: Socket;
  received(): string;
  /** The start of what was received: the answer's header block. */
  head(): string;
  /** Bytes received so far. */
  bytes(): number;
  isClosed(): boolean;
  readonly closed: Promise<void>;
}

/** Every connection a test opened: closed after it, whatever its outcome. */
const opened: Socket[] = [];

afterEach(() => {
  for (const socket of opened.splice(0)) socket.destroy();
});

async function open(port: number): Promise<Client> {
  const socket = connect(port, '127.0.0.1');
  opened.push(socket);
  const chunks: Buffer[] = [];
  let bytes = 0;
  let isClosed = false;
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    bytes += chunk.length;
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  void closed.then(() => (isClosed = true));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const head = (): string => Buffer.concat(chunks.slice(0, 4)).toString('latin1');
  return {
    socket,
    received: () => Buffer.concat(chunks).toString('latin1'),
    head,
    bytes: () => bytes,
    isClosed: () => isClosed,
    closed,
  };
}

/** Writes `chunk` every 250 ms, at most `times` times or until the socket closes; resolves whether it closed meanwhile. */
async function drip(client: Client, chunk: string, times: number): Promise<boolean> {
  for (let i = 0; i < times && !client.isClosed(); i += 1) {
    client.socket.write(chunk);
    await sleep(250);
  }
  return client.isClosed();
}

/** Polls `done` every `ms`, at most `times` times; resolves whether it became true. */
async function poll(done: () => boolean, times: number, ms = 250): Promise<boolean> {
  for (let i = 0; i < times && !done(); i += 1) await sleep(ms);
  return done();
}

describe('request bounds', () => {
  let stack: SubgraphStack;
  let port: number;

  beforeAll(async () => {
    stack = await startSubgraphStack({
      env: { HTTP_HEADERS_TIMEOUT: '2', HTTP_REQUEST_TIMEOUT: '3', HTTP_MAX_CONNECTIONS: '8' },
    });
    port = Number(new URL(stack.url).port);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  test('a client dripping its headers is answered 408 and disconnected while it still drips', async () => {
    const client = await open(port);
    client.socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    // 40 drips of 250 ms: far longer than the 2 s the headers may take.
    expect(await drip(client, 'a', 40)).toBe(true);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  test('an authenticated client dripping its body is answered 408 and disconnected while it still drips', async () => {
    const token = await stack.token('demo-analyst');
    const client = await open(port);
    client.socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"query":"`,
    );
    expect(await drip(client, ' ', 40)).toBe(true);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  test('a connection that never sends anything is closed; one kept alive after an answer is not cut by the header bound', async () => {
    const idle = await open(port);
    const kept = await open(port);
    kept.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(await poll(() => idle.isClosed(), 40)).toBe(true);
    expect(kept.received()).toMatch(/^HTTP\/1\.1 200 /);
    // Kept alive for HTTP_KEEP_ALIVE_TIMEOUT (65 s), longer than the headers' bound: it serves again.
    kept.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const answers = (): number => (kept.received().match(/HTTP\/1\.1 200 /g) ?? []).length;
    await poll(() => answers() >= 2, 40, 50);
    expect(answers()).toBe(2);
    kept.socket.destroy();
  });
});

describe('connection bounds', () => {
  let stack: SubgraphStack;
  let port: number;
  let token: string;

  beforeAll(async () => {
    stack = await startSubgraphStack({ env: { HTTP_MAX_CONNECTIONS: '8', HTTP_SEND_TIMEOUT: '2' } });
    port = Number(new URL(stack.url).port);
    token = await stack.token('demo-analyst');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Waits until the server has closed every connection of the previous test (bounded). */
  async function settled(): Promise<void> {
    let count = -1;
    for (let i = 0; i < 40 && count !== 0; i += 1) {
      count = await new Promise<number>((resolve) => stack.server.httpServer.getConnections((_error, n) => resolve(n)));
      if (count !== 0) await sleep(50);
    }
    expect(count).toBe(0);
  }

  /** GET /healthz on a connection of its own (a fresh agent: never one an earlier request left open); 0 when refused. */
  async function healthz(): Promise<number> {
    const agent = new Agent();
    try {
      return await fetch(`${stack.url}/healthz`, { dispatcher: agent, signal: AbortSignal.timeout(2000) }).then(
        (response) => response.status,
        () => 0,
      );
    } finally {
      await agent.destroy();
    }
  }

  /** 20 aliases of one 5000-row query: about 31 MB of answer from one Looker run. */
  const largeQuery = `{ ${Array.from(
    { length: 20 },
    (_, i) =>
      `a${i}: runQuery(input: { model: "ecommerce", view: "order_items", fields: ["order_items.id", "users.email", "products.name", "order_items.created_date"], limit: 5000 }) { rows renderedRows }`,
  ).join(' ')} }`;

  function post(query: string, requestId: string): string {
    const body = JSON.stringify({ query });
    return `POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nX-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  }

  /** Where the answer's body starts and how long it is (its Content-Length), once its headers arrived. */
  function bodyOf(client: Client): { readonly start: number; readonly length: number } | undefined {
    const head = client.head();
    const end = head.indexOf('\r\n\r\n');
    const length = /\r\ncontent-length: (\d+)\r\n/i.exec(head.slice(0, end + 2));
    return end < 0 || !length ? undefined : { start: end + 4, length: Number(length[1]) };
  }

  function answered(client: Client): boolean {
    const body = bodyOf(client);
    return body !== undefined && client.bytes() >= body.start + body.length;
  }

  /** The answer's body once all of it has arrived; else undefined. */
  function wholeBody(client: Client): string | undefined {
    const body = bodyOf(client);
    return body && answered(client)
      ? Buffer.from(client.received().slice(body.start), 'latin1').toString('utf8')
      : undefined;
  }

  /** Reads `bytes` more of the answer (or up to its end), then stops reading again; bounded in time. */
  async function readBurst(client: Client, bytes: number): Promise<void> {
    const target = client.bytes() + bytes;
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        client.socket.pause();
        client.socket.off('data', check);
        clearTimeout(bound);
        resolve();
      };
      const check = (): void => {
        if (client.bytes() >= target || answered(client)) stop();
      };
      const bound = setTimeout(stop, 15_000);
      client.socket.on('data', check);
      void client.closed.then(stop);
      client.socket.resume();
    });
  }

  test('a client that stops reading a large answer is disconnected once the send stalls (HTTP_SEND_TIMEOUT)', async () => {
    await settled();
    const stalled = await open(port);
    const slow = await open(port);
    // The stalled client never reads: its answer waits in the server's process.
    stalled.socket.pause();
    slow.socket.pause();
    stalled.socket.write(post(largeQuery, 'stalled-reader'));
    slow.socket.write(post(largeQuery, 'slow-reader'));

    // The slow client reads in bursts of 2 MB, pausing 300 ms between them: far less than the 2 s
    // a send may stall, while the whole answer takes several seconds to leave.
    for (let burst = 0; burst < 100 && !answered(slow) && !slow.isClosed(); burst += 1) {
      await readBurst(slow, 2_000_000);
      await sleep(300);
    }
    const body = wholeBody(slow);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(body).toBeDefined();
    const answer = JSON.parse(body ?? '{}') as { data?: Record<string, { rows: unknown[] }>; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(Object.keys(answer.data ?? {})).toHaveLength(20);
    expect(answer.data?.a19?.rows).toHaveLength(5000);
    expect(slow.isClosed()).toBe(false);

    // The server closes the stalled one and says so; the client, still paused, learns it once it reads.
    const logged = (): boolean => stack.logLines.some((line) => line.includes('"requestId":"stalled-reader"'));
    expect(await poll(logged, 40)).toBe(true);
    expect(stalled.isClosed()).toBe(false);
    stalled.socket.resume();
    expect(await poll(() => stalled.isClosed(), 40)).toBe(true);
    expect(wholeBody(stalled)).toBeUndefined();
    slow.socket.destroy();
  });

  test('near HTTP_MAX_CONNECTIONS, idle keep-alive connections are shed, oldest first, so a newcomer gets in', async () => {
    await settled();
    // Each did one request and then idles under keep-alive (65 s): together they fill the cap.
    const idle: Client[] = [];
    for (let i = 0; i < 8; i += 1) {
      const client = await open(port);
      client.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      await poll(() => /^HTTP\/1\.1 200 /.test(client.received()), 40, 50);
      expect(client.received()).toMatch(/^HTTP\/1\.1 200 /);
      idle.push(client);
    }
    // A newcomer retries as a client would; each try is bounded.
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i += 1) {
      status = await healthz();
      if (status !== 200) await sleep(250);
    }
    expect(status).toBe(200);
    const shed = idle.map((client) => client.isClosed());
    expect(shed[0]).toBe(true);
    // Oldest idle first: the shed ones are those that went idle first.
    expect(shed).toEqual([...shed].sort((a, b) => Number(b) - Number(a)));
    expect(shed[7]).toBe(false);
    for (const client of idle) client.socket.destroy();
  });

  test('connections with a request in flight are never shed: beyond HTTP_MAX_CONNECTIONS a newcomer is closed at once; served again once they are gone', async () => {
    await settled();
    // Each has sent its headers and part of its body: a request in progress, not idle.
    const held: Client[] = [];
    for (let i = 0; i < 8; i += 1) {
      const client = await open(port);
      client.socket.write(
        `POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"query":"`,
      );
      held.push(client);
    }
    // Newcomers for longer than a connection must idle before it may be shed, over several sweeps.
    for (let i = 0; i < 10; i += 1) {
      const extra = await open(port);
      extra.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      await extra.closed;
      expect(extra.received()).toBe('');
      await sleep(250);
    }
    expect(held.map((client) => client.isClosed())).toEqual(Array(8).fill(false));
    for (const client of held) client.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    // The server counts a connection gone once its close is processed: give it a few turns.
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i += 1) {
      status = await healthz();
      if (status !== 200) await sleep(50);
    }
    expect(status).toBe(200);
  });
});
