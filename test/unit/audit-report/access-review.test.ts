import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AccessReview, readAuditFiles } from '../../../src/audit-report';
import { parsePolicyText } from '../../../src/policy';

const analyst = ['looker:content:read', 'looker:data:read', 'looker:models:read'];

function op(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'graphql.operation',
    channel: 'graphql',
    time: '2026-03-02T10:00:00.000Z',
    requestId: 'r',
    subject: 'alice',
    clientId: 'bi-app',
    scopes: analyst,
    lookerUser: null,
    operationName: 'Looks',
    documentHash: 'h',
    outcome: 'ok',
    status: 200,
    denied: [],
    errors: {},
    resources: [],
    lookerCalls: 1,
    cacheHits: 0,
    durationMs: 3,
    ...overrides,
  };
}

test('scopes held and used, content with titles, data read and refusals per subject', () => {
  const review = new AccessReview();
  review.add(op({ resources: ['folder:2', 'look:12', 'query:9'], lookerCalls: 3 }));
  review.add(
    op({
      time: '2026-03-05T09:00:00.000Z',
      resources: ['explore:ecommerce/orders'],
      channel: 'mcp',
      tool: 'run_query',
    }),
  );
  review.add({
    type: 'export',
    time: '2026-03-03T10:00:00.000Z',
    subject: 'alice',
    clientId: 'bi-app',
    scopes: analyst,
    resource: 'look:12',
    format: 'CSV',
    title: 'Revenue by region',
    rows: 420,
    outcome: 'ok',
    status: 200,
    resources: ['look:12', 'query:9'],
    lookerCalls: 2,
  });
  review.add(
    op({ time: '2026-03-04T10:00:00.000Z', outcome: 'refused', reason: 'too_deep', status: 400, lookerCalls: 0 }),
  );
  review.add(
    op({
      subject: 'bob',
      scopes: ['looker:content:read'],
      outcome: 'partial',
      resources: ['look:12'],
      denied: [{ path: 'look.result', requiredScopes: [['looker:data:read']] }],
    }),
  );
  review.add(
    op({
      subject: null,
      clientId: null,
      scopes: undefined,
      outcome: 'unauthenticated',
      reason: 'expired',
      status: 401,
    }),
  );
  const report = review.report();

  expect(report.subjects.map((s) => s.subject)).toEqual(['(no token)', 'alice', 'bob']);
  const alice = report.subjects.find((s) => s.subject === 'alice');
  expect(alice).toMatchObject({
    firstSeen: '2026-03-02T10:00:00.000Z',
    lastSeen: '2026-03-05T09:00:00.000Z',
    scopesHeld: analyst,
    scopesUsed: analyst,
    scopesUnused: [],
    queries: 1,
    rows: 420,
    exports: 1,
    mcpToolCalls: 1,
    lookerCalls: 6,
    refusals: 1,
  });
  const bob = report.subjects.find((s) => s.subject === 'bob');
  expect(bob).toMatchObject({ scopesHeld: ['looker:content:read'], scopesUsed: ['looker:content:read'], refusals: 1 });
  expect(report.refusals).toEqual([
    expect.objectContaining({ subject: '(no token)', reason: 'expired', count: 1 }),
    expect.objectContaining({ subject: 'alice', reason: 'too_deep', count: 1 }),
    expect.objectContaining({ subject: 'bob', reason: 'forbidden_field', count: 1 }),
  ]);
  const look = report.content.find((c) => c.subject === 'alice' && c.resource === 'look:12');
  expect(look).toMatchObject({ kind: 'look', title: 'Revenue by region', reads: 1, exports: 1 });
  // The title reaches every subject's row of that content, the read before the export included.
  expect(report.content.find((c) => c.subject === 'bob')?.title).toBe('Revenue by region');
  expect(report.anomalies).toEqual([]);
});

test('unusual: a day far above the subject’s median, a large export, refusals in a burst', () => {
  const review = new AccessReview();
  for (let day = 1; day <= 20; day++)
    review.add(op({ time: `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`, lookerCalls: 8 }));
  review.add(op({ time: '2026-01-21T10:00:00.000Z', lookerCalls: 900 }));
  review.add({
    type: 'export',
    time: '2026-01-22T10:00:00.000Z',
    subject: 'alice',
    resource: 'look:1',
    outcome: 'ok',
    rows: 60_000,
  });
  review.add({
    type: 'export',
    time: '2026-01-22T11:00:00.000Z',
    subject: 'alice',
    resource: 'look:1',
    outcome: 'ok',
    rows: 9_999,
  });
  for (let n = 0; n < 25; n++)
    review.add(
      op({
        subject: 'mallory',
        time: `2026-01-23T10:0${Math.floor(n / 5)}:${String(n).padStart(2, '0')}.000Z`,
        outcome: 'refused',
        reason: 'rate_limited',
      }),
    );
  // Refusals spread over hours are no burst.
  for (let n = 0; n < 25; n++)
    review.add(
      op({
        subject: 'carol',
        time: `2026-01-2${n < 24 ? 3 : 4}T${String(n % 24).padStart(2, '0')}:00:00.000Z`,
        outcome: 'refused',
        reason: 'csrf',
      }),
    );
  const anomalies = review.report().anomalies;
  expect(anomalies.map((a) => [a.subject, a.kind, a.at, a.value, a.baseline])).toEqual([
    ['alice', 'large_export', '2026-01-22T10:00:00.000Z', 60_000, 10_000],
    ['alice', 'looker_calls_spike', '2026-01-21', 900, 8],
    ['mallory', 'refusal_burst', '2026-01-23T10:00:00.000Z', 25, 20],
  ]);
});

test('roles from the policy file: members seen and grants never used', () => {
  const policy = parsePolicyText(
    [
      'rules:',
      '  - name: analysts',
      '    when: { claim: groups, includes: analysts }',
      '    grant: [looker:data:read, looker:sql:read]',
      '  - name: publishers',
      '    when: { claim: groups, includes: publishers }',
      '    grant: [looker:content:write]',
      '  - when: { claim: groups, includes: embedders }',
      '    grant: [looker:embed]',
    ].join('\n'),
    'policy.yaml',
  );
  const review = new AccessReview({ policy });
  review.add(op({ scopes: [...analyst, 'looker:sql:read'], resources: ['query:1'] }));
  review.add({
    type: 'write',
    subject: 'pat',
    time: '2026-03-02T10:00:00.000Z',
    mutation: 'updateLook',
    outcome: 'ok',
    rules: ['publishers'],
    resources: ['look:4'],
    change: { title: { old: 'a', new: 'Quarterly' } },
    dryRun: false,
  });
  const roles = review.report().roles;
  expect(roles).toEqual([
    {
      role: 'analysts',
      grants: ['looker:data:read', 'looker:sql:read'],
      membersSeen: ['alice'],
      grantsUsed: ['looker:data:read'],
      grantsNeverUsed: ['looker:sql:read'],
    },
    {
      role: 'publishers',
      grants: ['looker:content:write'],
      membersSeen: ['pat'],
      grantsUsed: ['looker:content:write'],
      grantsNeverUsed: [],
    },
    { role: 'rules[2]', grants: ['looker:embed'], membersSeen: [], grantsUsed: [], grantsNeverUsed: ['looker:embed'] },
  ]);
  expect(review.report().content.find((c) => c.resource === 'look:4')).toMatchObject({ title: 'Quarterly', writes: 1 });
});

test('reads plain and gzipped files line by line; the chain’s fields and stray lines are no obstacle', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-report-'));
  const chained = (event: Record<string, unknown>, seq: number) =>
    JSON.stringify({ log: 'audit', ...event, seq, prev: 'x', hash: 'y', kid: 'k1', future: { nested: true } });
  writeFileSync(join(dir, 'audit.log'), `${chained(op({}), 2)}\n{"truncated":\n\nnot json\n[1,2]\n`);
  writeFileSync(join(dir, 'audit.log.1.gz'), gzipSync(`${chained(op({ subject: 'bob' }), 1)}\n`));
  const review = new AccessReview();
  const counts = await readAuditFiles([join(dir, 'audit.log'), join(dir, 'audit.log.1.gz')], (e) => review.add(e));
  expect(counts).toEqual({ lines: 5, skipped: 3 });
  expect(review.report().subjects.map((s) => s.subject)).toEqual(['alice', 'bob']);
  rmSync(dir, { recursive: true, force: true });
});

test('what events record is read exactly: scopes used, matched rules, titles, rows and embed sessions', () => {
  const review = new AccessReview();
  review.add(
    op({
      operationName: null,
      scopes: [...analyst, 'looker:embed', 'looker:sql:read'],
      scopesUsed: ['looker:content:read', 'looker:embed'],
      rules: ['embedders'],
      resources: ['dashboard:3', 'embed:dashboard:3', 'look:7'],
      titles: { 'dashboard:3': 'Sales', 'look:7': 'Orders' },
      rows: 12,
    }),
  );
  const report = review.report();
  const alice = report.subjects.find((s) => s.subject === 'alice');
  expect(alice).toMatchObject({ embeds: 1, rows: 12 });
  expect(alice?.scopesUsed).toEqual(['looker:content:read', 'looker:embed']);
  expect(report.content.filter((c) => c.subject === 'alice').map((c) => [c.resource, c.title])).toEqual(
    expect.arrayContaining([
      ['dashboard:3', 'Sales'],
      ['look:7', 'Orders'],
    ]),
  );
  expect(report.content.some((c) => c.resource.startsWith('embed:'))).toBe(false);
});
