import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseCsv } from '../../e2e/exports/export-download';
import { hostileTitle, writeAuditTrail, type GeneratedTrail } from './audit-year';

/**
 * `npm run audit:report` over a generated trail of 1,000 subjects, as a process of its own so its
 * time and peak RSS are its own: four weeks by default, a whole year (about 1.9 million lines,
 * 1 GB) with AUDIT_REPORT_FULL_YEAR=true.
 */
const fullYear = process.env.AUDIT_REPORT_FULL_YEAR === 'true';
const days = fullYear ? 365 : 28;
const root = resolve(__dirname, '../../..');
const run = promisify(execFile);

let dir: string;
let trail: GeneratedTrail;
let output: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'audit-year-'));
  trail = writeAuditTrail(join(dir, 'audit.log'), { subjects: 1000, days });
  writeFileSync(
    join(dir, 'policy.yaml'),
    [
      'rules:',
      '  - name: analysts',
      '    when: { claim: groups, includes: analysts }',
      '    grant: [looker:data:read]',
      '  - name: admins',
      '    when: { claim: groups, includes: admins }',
      '    grant: [looker:sql:read, looker:embed, looker:content:write]',
    ].join('\n'),
  );
  const answer = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/audit-report.ts',
      '--out',
      join(dir, 'report'),
      '--policy',
      join(dir, 'policy.yaml'),
      join(dir, 'audit.log'),
    ],
    { cwd: root, maxBuffer: 1024 * 1024 },
  );
  output = answer.stdout;
  process.stdout.write(`${trail.lines} lines, ${Math.round(trail.bytes / 1e6)} MB: ${output}`);
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = (name: string) => parseCsv(readFileSync(join(dir, 'report', name), 'utf8'));

test(`${days} days of 1,000 subjects: every line read, in bounded time and memory`, () => {
  const figures = /in ([\d.]+) s, peak RSS (\d+) MiB/.exec(output);
  expect(output).toContain(`${trail.lines} lines (0 skipped)`);
  expect(Number(figures?.[1])).toBeLessThan(fullYear ? 180 : 30);
  // Memory follows subjects and content, not lines: a year stays within what a month needs, plus little.
  expect(Number(figures?.[2])).toBeLessThan(400);
  const subjects = csv('subjects.csv');
  // The header, the callers without a token, and each subject seen (over four weeks, nearly all).
  expect(subjects.length).toBeGreaterThan(1 + 1 + (fullYear ? 999 : 990));
  expect(subjects.length).toBeLessThanOrEqual(1 + 1 + 1000);
  expect(subjects.find((r) => r[0] === '(no token)')?.[16]).not.toBe('0');
});

test('the planted spike, burst of refusals and large export are found, and nothing else', () => {
  const anomalies = csv('anomalies.csv')
    .slice(1)
    .map((r) => [r[0], r[1]]);
  expect(anomalies).toEqual([
    [trail.bigExportSubject, 'large_export'],
    [trail.spikeSubject, 'looker_calls_spike'],
    [trail.burstSubject, 'refusal_burst'],
  ]);
});

test('roles: members seen and the grants none of them used', () => {
  const roles = csv('roles.csv');
  expect(roles[0]).toEqual(['role', 'grants', 'members_seen', 'members', 'grants_used', 'grants_never_used']);
  const admins = roles.find((r) => r[0] === 'admins');
  expect(Number(admins?.[2])).toBeGreaterThan(100);
  // Admins wrote and exported but never asked for SQL or an embed URL.
  expect(admins?.[4]).toBe('looker:content:write');
  expect(admins?.[5]).toBe('looker:sql:read looker:embed');
  expect(roles.find((r) => r[0] === 'analysts')?.[5]).toBe('');
});

test('content carries its title as text, formulas neutralised', () => {
  const titled = csv('content.csv').find((r) => r[1] === 'look:53');
  expect(titled?.[3]).toBe(hostileTitle);
  expect(readFileSync(join(dir, 'report', 'index.html'), 'utf8')).not.toContain('<img src=x');
});
