// needs: haproxy
/**
 * The load balancer's retries never send a write twice. HAProxy (the configuration `npm run
 * topology` runs) re-sends a request whose connection closed without an answer: right for a query,
 * wrong for a mutation that may have reached the replica. Two upstream peers stand in for replicas:
 * the first takes each request and closes the connection without answering (a replica killed
 * mid-request), the second answers. A query is re-sent to the second; a mutation is not.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHaproxy, type RunningHaproxy } from '../../../bench/topology/haproxy';
import { freePort } from '../../support/free-port';
import { toolPath } from '../../support/redis-availability';

let haproxy: RunningHaproxy;
const received = { dropping: [] as string[], answering: [] as string[] };
const servers: Server[] = [];

function peer(name: keyof typeof received, drop: boolean): Promise<number> {
  const server = createServer((req, res) => {
    if (req.url === '/readyz') {
      res.end('ok');
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received[name].push(body);
      if (drop) req.socket.destroy();
      else res.setHeader('content-type', 'application/json').end('{"data":{}}');
    });
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  const [dropping, answering] = [await peer('dropping', true), await peer('answering', false)];
  haproxy = await startHaproxy(toolPath('haproxy') ?? 'haproxy', {
    port: await freePort(),
    // `first`: every request goes to the dropping peer first, so the retry is what reaches the other.
    balance: 'first',
    serverTimeoutMs: 10_000,
    checks: { interMs: 200, fall: 2, rise: 1 },
    servers: [
      { name: 'dropping', port: dropping },
      { name: 'answering', port: answering },
    ],
  });
});

afterAll(async () => {
  await haproxy?.stop();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const post = (query: string) =>
  fetch(`${haproxy.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });

beforeEach(() => {
  received.dropping.length = 0;
  received.answering.length = 0;
});

test('a query whose connection closed unanswered is re-sent to another replica', async () => {
  const response = await post('{ looks { nodes { id } } }');
  expect(response.status).toBe(200);
  // Retried on the same server first, then redispatched on the last retry.
  expect(received.dropping.length).toBeGreaterThanOrEqual(1);
  expect(received.answering).toHaveLength(1);
});

test('a mutation whose connection closed unanswered is not re-sent: the client sees the failure', async () => {
  const response = await post(
    'mutation { createDashboard(input: { title: "x", folderId: "7" }) { dashboard { id } } }',
  );
  expect(response.status).toBeGreaterThanOrEqual(500);
  expect(received.dropping).toHaveLength(1);
  expect(received.answering).toHaveLength(0);
});
