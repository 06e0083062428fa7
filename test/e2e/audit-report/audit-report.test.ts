import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Browser } from 'playwright-core';
import { launchChromium, recordPage, saveScreenshot } from '../../support/browser';
import { connectMcp } from '../../support/mcp-client';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';
import { download, parseCsv } from '../exports/export-download';

/**
 * The access review end to end: real requests to a subgraph writing its own AUDIT_LOG (GraphQL,
 * an export download, an MCP tool call, a denied field, a bad token), then `npm run audit:report`
 * over that file, then the page opened in Chromium. The look's title is HTML, as a Looker user may
 * type it: the page must show it as text.
 */
const hostileTitle = `<img src=x onerror="document.title='pwned'">Revenue`;
const root = resolve(__dirname, '../../..');
const run = promisify(execFile);

let dir: string;
let stack: SubgraphStack;
let mcp: Client | undefined;
let browser: Browser | undefined;
let exportedRows: number;

const csv = (name: string) => parseCsv(readFileSync(join(dir, 'report', name), 'utf8'));
const column = (rows: string[][], name: string) => rows[0]?.indexOf(name) ?? -1;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'audit-report-e2e-'));
  stack = await startSubgraphStack({ env: { AUDIT_LOG: join(dir, 'audit.log') } });
  await stack.control('looks/53', { title: hostileTitle }, 'PATCH');
  const analyst = await stack.token('demo-analyst');
  const viewer = await stack.token('demo-viewer');

  const read = await stack.graphql(
    '{ look(id: "53") { title csv: exportUrl(format: CSV) result(limit: 5) { rowCount } } }',
    {
      token: analyst,
    },
  );
  expect(read.body.errors).toBeUndefined();
  const file = await download(stack, String((read.body.data?.look as { csv: string }).csv), analyst);
  expect(file.status).toBe(200);
  exportedRows = parseCsv(file.bytes.toString('utf8')).length - 1;
  expect(exportedRows).toBeGreaterThan(0);

  const denied = await stack.graphql('{ look(id: "53") { title result(limit: 5) { rowCount } } }', { token: viewer });
  expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const anonymous = await stack.graphql('{ looks(first: 1) { nodes { id } } }', { token: 'not-a-token' });
  expect(anonymous.status).toBe(401);

  mcp = await connectMcp(stack.url, analyst, stack.responses);
  await mcp.callTool({ name: 'get_look', arguments: { id: '53' } });

  writeFileSync(
    join(dir, 'policy.yaml'),
    [
      'rules:',
      '  - name: sql-readers',
      '    when: { claim: groups, includes: sql }',
      '    grant: [looker:data:read, looker:sql:read]',
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
    { cwd: root },
  );
  expect(answer.stdout).toMatch(/\(0 skipped\), 5 events, 3 subjects/);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await mcp?.close();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('subjects: scopes held and used, data read, an MCP tool call, refusals', () => {
  const subjects = csv('subjects.csv');
  const at = (name: string) => column(subjects, name);
  const analyst = subjects.find((r) => r[at('client_ids')] === 'demo-analyst') ?? [];
  expect(analyst[at('scopes_held')]).toBe('looker:content:read looker:data:read looker:models:read');
  expect(analyst[at('scopes_used')]).toBe('looker:content:read looker:data:read');
  expect(analyst[at('scopes_unused')]).toBe('looker:models:read');
  expect(Number(analyst[at('exports')])).toBe(1);
  // The look's 5 result rows read through GraphQL, and the download's.
  expect(Number(analyst[at('rows')])).toBe(5 + exportedRows);
  expect(Number(analyst[at('queries')])).toBeGreaterThan(0);
  expect(Number(analyst[at('mcp_tool_calls')])).toBe(1);
  const viewer = subjects.find((r) => r[at('client_ids')] === 'demo-viewer') ?? [];
  expect(viewer[at('scopes_used')]).toBe('looker:content:read');
  const refusals = csv('refusals.csv').map((r) => [r[0] === viewer[0] ? 'viewer' : r[0], r[1], r[2]]);
  expect(refusals).toEqual(
    expect.arrayContaining([
      ['viewer', 'forbidden_field', '1'],
      ['(no token)', expect.any(String), '1'],
    ]),
  );
});

test('roles: a rule whose members never read SQL shows looker:sql:read as never used', () => {
  expect(csv('roles.csv').slice(1)).toEqual([
    ['sql-readers', 'looker:data:read looker:sql:read', '0', '', '', 'looker:data:read looker:sql:read'],
  ]);
});

test('content: the exported look with its title, as text', () => {
  const content = csv('content.csv');
  const look = content.find((r) => r[1] === 'look:53' && Number(r[column(content, 'exports')]) === 1);
  expect(look?.[column(content, 'title')]).toBe(hostileTitle);
  // Read through GraphQL only (the viewer's refused result), the look has its title too.
  const readOnly = content.filter((r) => r[1] === 'look:53' && Number(r[column(content, 'exports')]) === 0);
  expect(readOnly.length).toBeGreaterThan(0);
  for (const row of readOnly) expect(row[column(content, 'title')]).toBe(hostileTitle);
});

test('Chromium shows the tables, the chart, and the HTML title as text without running it', async () => {
  browser = await launchChromium();
  const page = await browser.newPage();
  const recording = recordPage(page);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  const url = pathToFileURL(join(dir, 'report', 'index.html')).href;
  await page.goto(url);
  expect(await page.title()).toBe('Access review');
  expect(await page.locator('#subjects tbody tr').count()).toBe(3);
  expect(await page.locator('#subjects tbody tr', { hasText: 'demo-analyst' }).count()).toBe(1);
  expect(await page.locator('svg#activity rect.events').count()).toBeGreaterThan(0);
  const titleCell = page.locator('#content tbody td', { hasText: 'Revenue' }).first();
  expect(await titleCell.textContent()).toBe(hostileTitle);
  expect(await page.locator('img').count()).toBe(0);
  expect(dialogs).toBe(0);
  // Nothing but the page itself was requested: no image, script or font from anywhere.
  expect(recording.requests).toEqual([url]);
  expect(recording.errors).toEqual([]);
  await saveScreenshot(page, 'audit-report/index.png');
});
