import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSubgraphStack, testAudience, type SubgraphStack } from '../../support/subgraph-stack';

let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack();
});

afterAll(() => stack?.stop());

/** The audit event of the request with this id. */
function eventOf(requestId: string): Record<string, unknown> {
  const events = stack.auditEvents().filter((e) => e.requestId === requestId);
  expect(events).toHaveLength(1);
  return events[0] as Record<string, unknown>;
}

test('a served operation records who, what and which Looker resources', async () => {
  const query = 'query LookAndData { look(id: "4") { title folder { name } result(limit: 2) { rowCount } } }';
  const answer = await stack.graphql(query, {
    token: await stack.token('demo-analyst'),
    headers: { 'x-request-id': 'audit-ok-1' },
  });
  expect(answer.body.errors).toBeUndefined();
  const event = eventOf('audit-ok-1');
  expect(event).toEqual(
    expect.objectContaining({
      type: 'graphql.operation',
      subject: 'demo-analyst',
      clientId: 'demo-analyst',
      lookerUser: null,
      operationName: 'LookAndData',
      documentHash: createHash('sha256').update(query).digest('hex'),
      outcome: 'ok',
      denied: [],
      errors: {},
    }),
  );
  expect(event.resources).toEqual(
    expect.arrayContaining(['look:4', expect.stringMatching(/^folder:/), expect.stringMatching(/^query:/)]),
  );
  expect(event.lookerCalls).toBeGreaterThanOrEqual(2);
  expect(typeof event.durationMs).toBe('number');
  expect(Date.parse(String(event.time))).not.toBeNaN();
});

test('a denied field is recorded with the scopes it required', async () => {
  await stack.graphql('{ look(id: "4") { title result { rowCount } } }', {
    token: await stack.token('demo-viewer'),
    headers: { 'x-request-id': 'audit-denied-1' },
  });
  const event = eventOf('audit-denied-1');
  expect(event.outcome).toBe('partial');
  expect(event.denied).toEqual([
    { path: 'look.result', requiredScopes: [['looker:content:read', 'looker:data:read']] },
  ]);
  expect(event.errors).toEqual({ FORBIDDEN: 1 });
  // The denied result was never asked of Looker.
  expect((event.resources as string[]).some((r) => r.startsWith('query:'))).toBe(false);
});

test('a refused token is audited with the reason and without the token', async () => {
  const now = Math.floor(Date.now() / 1000);
  const expired = await stack.forgeToken({
    iss: stack.issuer.issuer.issuer,
    aud: testAudience,
    sub: 'mallory',
    iat: now - 7200,
    exp: now - 3600,
  });
  await stack.graphql('{ looks { nodes { id } } }', { token: expired, headers: { 'x-request-id': 'audit-refused-1' } });
  await stack.graphql('{ looks { nodes { id } } }', { headers: { 'x-request-id': 'audit-refused-2' } });
  expect(eventOf('audit-refused-1')).toEqual(
    expect.objectContaining({
      outcome: 'unauthenticated',
      reason: 'expired',
      subject: null,
      lookerCalls: 0,
      resources: [],
    }),
  );
  expect(eventOf('audit-refused-2')).toEqual(
    expect.objectContaining({ outcome: 'unauthenticated', reason: 'missing' }),
  );
  expect(JSON.stringify(stack.auditEvents())).not.toContain(expired);
});

test('a Looker failure is recorded by its code', async () => {
  await stack.control('faults', { route: 'GET /queries/:query_id/run/:result_format', status: 500, count: 1 });
  await stack.graphql('{ look(id: "6") { title result { rowCount } } }', {
    token: await stack.token('demo-analyst'),
    headers: { 'x-request-id': 'audit-fault-1' },
  });
  await stack.control('faults', undefined, 'DELETE');
  expect(eventOf('audit-fault-1')).toEqual(
    expect.objectContaining({ outcome: 'partial', errors: { LOOKER_UNAVAILABLE: 1 } }),
  );
});

test('with AUDIT_LOG the events are appended to that file, one JSON line each', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'audit-')), 'audit.log');
  const fileStack = await startSubgraphStack({ env: { AUDIT_LOG: file } });
  try {
    const token = await fileStack.token('demo-analyst');
    for (const id of ['file-1', 'file-2']) {
      await fileStack.graphql('{ look(id: "1") { title } }', { token, headers: { 'x-request-id': id } });
    }
  } finally {
    await fileStack.stop();
  }
  const events = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { requestId: string; outcome: string });
  expect(events.map((e) => [e.requestId, e.outcome])).toEqual([
    ['file-1', 'ok'],
    ['file-2', 'ok'],
  ]);
});
