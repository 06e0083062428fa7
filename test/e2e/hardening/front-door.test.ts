import { request } from 'node:http';
import { connect } from 'node:net';
import { failureKeyOf, OPERATOR_FAILURES_PER_MINUTE } from '../../../src/http';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';

/**
 * What every route answers at the door: unknown routes JSON, an ambiguous credential refused,
 * cacheable answers varying by token, and the operator's flush audited, logged and rate-limited,
 * on a port of its own when configured.
 */
const operatorToken = 'operator-credential-0123456789';
let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { OPERATOR_TOKEN: operatorToken, CACHE_METADATA_TTL: '60' } });
  stack.checkNoLeakOf(operatorToken);
});

afterAll(async () => {
  await stack?.stop();
});

/** A POST to /graphql with every `Authorization` header given sent as its own header line. */
function postWithAuthorizations(authorizations: string[], query: string): Promise<{ status: number; body: string }> {
  const url = new URL(`${stack.url}/graphql`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: [
          'host',
          url.host,
          'content-type',
          'application/json',
          ...authorizations.flatMap((value) => ['authorization', value]),
        ],
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.once('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

test.each([
  ['GET', '/nope'],
  ['POST', '/nope'],
  ['GET', '/admin'],
  ['PUT', '/healthz/x'],
])('%s %s answers a JSON 404, not an HTML page', async (method, path) => {
  const response = await fetch(`${stack.url}${path}`, { method });
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ errors: [{ message: 'No such route', extensions: { code: 'NOT_FOUND' } }] });
});

test('two Authorization headers are refused as a malformed credential, whichever comes first', async () => {
  const valid = `Bearer ${await stack.token('demo-analyst')}`;
  const query = '{ look(id: "1") { title } }';
  // Node alone keeps the first one: a proxy reading the last would see another caller.
  expect(await postWithAuthorizations([valid], query)).toEqual({
    status: 200,
    body: expect.stringContaining('"title"'),
  });
  for (const headers of [
    [valid, 'Bearer x.y.z'],
    ['Bearer x.y.z', valid],
    [valid, valid],
  ]) {
    const answer = await postWithAuthorizations(headers, query);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })],
    });
  }
  expect(stack.logLines.filter((l) => l.includes('"reason":"malformed"')).length).toBeGreaterThanOrEqual(3);
});

test('a cacheable answer varies by Authorization: a cache keeps it per token', async () => {
  const answer = await stack.graphql('{ look(id: "1") { title } }', { token: await stack.token('demo-viewer') });
  expect(answer.headers.get('cache-control')).toMatch(/^private, max-age=\d+/);
  expect(answer.headers.get('vary')?.toLowerCase()).toContain('authorization');
});

test('refused flush attempts are logged and audited, then refused 429 for the rest of the minute; the operator is still let in elsewhere', async () => {
  const flush = (credential: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.url}/admin/cache/flush`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, ...headers },
    });
  // The one right credential first: it is audited too, and success does not count against the address.
  expect((await flush(operatorToken)).status).toBe(200);
  const statuses: number[] = [];
  for (let i = 0; i < OPERATOR_FAILURES_PER_MINUTE + 3; i += 1)
    statuses.push((await flush(`wrong-credential-${i}`)).status);
  expect(statuses).toEqual([...Array<number>(OPERATOR_FAILURES_PER_MINUTE).fill(401), 429, 429, 429]);
  // Blocked means blocked: even the right credential from this address waits for the minute to end.
  const blocked = await flush(operatorToken);
  expect(blocked.status).toBe(429);
  expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await blocked.json()).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'RATE_LIMITED' } })] });

  const events = stack.auditEvents().filter((e) => e.type === 'operator');
  expect(events.map((e) => [e.action, e.outcome, e.reason ?? null, e.status])).toEqual([
    ['cache.flush', 'ok', null, 200],
    ...Array.from({ length: OPERATOR_FAILURES_PER_MINUTE }, () => [
      'cache.flush',
      'unauthenticated',
      'bad_credential',
      401,
    ]),
    ...Array.from({ length: 4 }, () => ['cache.flush', 'refused', 'rate_limited', 429]),
  ]);
  expect(events.every((e) => typeof e.remoteAddress === 'string' && typeof e.requestId === 'string')).toBe(true);
  const refusedLines = stack.logLines.filter((l) => l.includes('operator action refused'));
  expect(refusedLines).toHaveLength(OPERATOR_FAILURES_PER_MINUTE + 4);
  // No presented credential reaches a log or the trail (the stack's stop() checks the operator's own).
  for (let i = 0; i < OPERATOR_FAILURES_PER_MINUTE; i += 1)
    expect([...stack.logLines, JSON.stringify(events)].join('\n')).not.toContain(`wrong-credential-${i}`);
});

test('with OPERATOR_PORT the flush listens there only: the public port answers 404', async () => {
  const replicaStack = await startSubgraphStack({ env: { OPERATOR_TOKEN: operatorToken, OPERATOR_PORT: '0' } });
  try {
    const operatorUrl = replicaStack.server.operatorUrl();
    expect(operatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const onPublic = await fetch(`${replicaStack.url}/admin/cache/flush`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    expect(onPublic.status).toBe(404);
    const onOperator = await fetch(`${operatorUrl}/admin/cache/flush`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    expect(onOperator.status).toBe(200);
    expect(await onOperator.json()).toEqual({ flushed: true });
    // The operator port serves nothing else.
    expect((await fetch(`${operatorUrl}/graphql`, { method: 'POST' })).status).toBe(404);
  } finally {
    await replicaStack.stop();
  }
  expect(replicaStack.server.operatorUrl()).toBeUndefined();
});

test('requests pipelined on one connection cannot all try a credential: the limit counts each before comparing it', async () => {
  const fresh = await startSubgraphStack({ env: { OPERATOR_TOKEN: operatorToken } });
  try {
    const url = new URL(fresh.url);
    // Twelve flushes in one write, the right credential tenth: Node reads them all in one tick.
    const requests = Array.from({ length: 12 }, (_, i) => {
      const credential = i === 9 ? operatorToken : `wrong-credential-${i}`;
      return `POST /admin/cache/flush HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${credential}\r\nContent-Length: 0\r\n\r\n`;
    }).join('');
    const received = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname);
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if ((text.match(/HTTP\/1\.1 \d{3} /g) ?? []).length === 12) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.once('error', reject);
      socket.write(requests);
    });
    const statuses = (received.match(/HTTP\/1\.1 \d{3} /g) ?? []).map((line) => Number(line.slice(9, 12)));
    expect(statuses).toEqual([
      ...Array<number>(OPERATOR_FAILURES_PER_MINUTE).fill(401),
      ...Array<number>(12 - OPERATOR_FAILURES_PER_MINUTE).fill(429),
    ]);
    expect(fresh.auditEvents().filter((e) => e.type === 'operator' && e.outcome === 'ok')).toEqual([]);
  } finally {
    await fresh.stop();
  }
});

test('failures are counted per IPv4 address, and per /64 for IPv6 (one subscriber holds a whole /64)', () => {
  expect(failureKeyOf('203.0.113.7')).toBe('203.0.113.7');
  expect(failureKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(failureKeyOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
  expect(failureKeyOf('2001:0db8:0001:0002:abcd:ef01:2345:6789')).toBe('2001:db8:1:2::/64');
  expect(failureKeyOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  expect(failureKeyOf('::1')).toBe('0:0:0:0::/64');
});
