import ExcelJS from 'exceljs';
import type { IDashboard, IDashboardElement } from '@looker/sdk';
import { ExportLinks } from '../../../src/exports';
import { adminSdk, ok } from '../../support/looker-sdk';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';
import { download as downloadFrom, parseCsv } from './export-download';

/** The key the stack seals links with, so a test can seal one with another clock. */
const exportSecret = 'exports-test-secret-0123456789abcdef';
/** A browser app's origin, allowed to call the subgraph directly. */
const appOrigin = 'http://app.example.test';
/** A look of plain rows (no pivot): product names, brands and counts, some with commas. */
const lookId = '13';

let stack: SubgraphStack;
let analyst: string;
let admin: string;
let dashboard: IDashboard;

beforeAll(async () => {
  stack = await startSubgraphStack({ env: { EXPORT_SECRET: exportSecret, CORS_ORIGINS: appOrigin } });
  analyst = await stack.token('demo-analyst');
  admin = await stack.token('demo-admin');
  const all = await ok(adminSdk(stack.emulator.url).search_dashboards({}));
  const found = all.find((d) => (d.dashboard_filters ?? []).some((f) => f.name === 'Status'));
  if (!found?.id) throw new Error('the demo content has no dashboard with a Status filter');
  dashboard = await ok(adminSdk(stack.emulator.url).dashboard(found.id));
});

afterAll(() => stack?.stop());

/** A download as a browser on the allowed origin makes it. */
const download = (url: string, token?: string) => downloadFrom(stack, url, token, { origin: appOrigin });

type Row = Record<string, string | number | boolean | null>;
const cellText = (value: unknown) => (value === null || value === undefined ? '' : String(value));

async function lookLinks(token: string) {
  const answer = await stack.graphql(
    `query ($id: ID!) { look(id: $id) { title csv: exportUrl(format: CSV) json: exportUrl(format: JSON) xlsx: exportUrl(format: XLSX) result { rows fields { name fullLabel } } } }`,
    { token, variables: { id: lookId } },
  );
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data?.look as {
    title: string;
    csv: string;
    json: string;
    xlsx: string;
    result: { rows: Row[]; fields: { name: string; fullLabel: string }[] };
  };
}

const exportEvents = () => stack.auditEvents().filter((e) => e.type === 'export');

test('a look exports as CSV, JSON and XLSX that hold the same rows as its result', async () => {
  const look = await lookLinks(analyst);
  expect(look.csv).toMatch(/^\/exports\/x1\.[\w-]+\.[\w-]+$/);

  const json = await download(look.json, analyst);
  expect(json.status).toBe(200);
  expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const rows = JSON.parse(json.bytes.toString('utf8')) as Row[];
  expect(rows).toEqual(look.result.rows);
  expect(rows.length).toBeGreaterThan(1);

  const csv = await download(look.csv, analyst);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(csv.headers.get('content-disposition')).toBe(
    `attachment; filename="${look.title}.csv"; filename*=UTF-8''${encodeURIComponent(`${look.title}.csv`)}`,
  );
  const [header, ...body] = parseCsv(csv.bytes.toString('utf8'));
  const names = look.result.fields.map((f) => f.name);
  expect(header).toEqual(look.result.fields.map((f) => f.fullLabel));
  // The CSV equals the JSON rows of the same result, cell by cell.
  expect(body).toEqual(rows.map((row) => names.map((name) => cellText(row[name]))));

  const xlsx = await download(look.xlsx, analyst);
  expect(xlsx.status).toBe(200);
  expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(xlsx.headers.get('content-disposition')).toContain(`filename="${look.title}.xlsx"`);
  // A browser app on an allowed origin may read the answer and its file name.
  expect(xlsx.headers.get('access-control-allow-origin')).toBe(appOrigin);
  expect(xlsx.headers.get('access-control-expose-headers')).toContain('content-disposition');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  expect(sheet.rowCount).toBe(rows.length + 1);
  const sheetRows = sheet
    .getSheetValues()
    .slice(1)
    .map((r) => (r as unknown[]).slice(1));
  expect(sheetRows[0]).toEqual(header);
  // Numbers stay numbers in the spreadsheet.
  expect(sheetRows.slice(1)).toEqual(rows.map((row) => names.map((name) => row[name] ?? undefined)));

  const events = exportEvents().filter((e) => e.resource === `look:${lookId}` && e.outcome === 'ok');
  expect(events.map((e) => e.format).sort()).toEqual(['CSV', 'JSON', 'XLSX']);
  expect(events[0]).toEqual(
    expect.objectContaining({
      subject: 'demo-analyst',
      status: 200,
      resources: expect.arrayContaining([`look:${lookId}`]),
    }),
  );
});

test('minting a link calls no Looker API; a download reads the look, its query and runs it once', async () => {
  await stack.resetLookerStats();
  await stack.graphql('query ($id: ID!) { look(id: $id) { id } }', { token: analyst, variables: { id: lookId } });
  const without = (await stack.lookerStats()).total;
  await stack.resetLookerStats();
  const answer = await stack.graphql('query ($id: ID!) { look(id: $id) { id exportUrl(format: CSV) } }', {
    token: analyst,
    variables: { id: lookId },
  });
  expect((await stack.lookerStats()).total).toBe(without);

  await stack.resetLookerStats();
  const csv = await download((answer.body.data?.look as { exportUrl: string }).exportUrl, analyst);
  expect(csv.status).toBe(200);
  const stats = await stack.lookerStats();
  const routes = Object.entries(stats.byRoute)
    .filter(([, n]) => n > 0)
    .map(([route]) => route)
    .sort();
  expect(routes).toEqual([
    'GET /api/4.0/looks/search',
    'GET /api/4.0/queries/:query_id',
    'GET /api/4.0/queries/:query_id/run/:result_format',
  ]);
  expect(exportEvents().at(-1)).toEqual(expect.objectContaining({ outcome: 'ok', lookerCalls: stats.total }));
});

test('a link works only with its own caller: no token 401, another subject 403, altered 404, expired 410', async () => {
  const look = await lookLinks(analyst);
  const anonymous = await download(look.csv);
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
  expect((await download(look.csv, 'not-a-token')).status).toBe(401);

  await stack.resetLookerStats();
  const other = await download(look.csv, admin);
  expect(other.status).toBe(403);
  expect(JSON.parse(other.bytes.toString('utf8'))).toEqual({
    error: { code: 'FORBIDDEN', message: 'This export link was issued to another caller' },
  });
  expect((await stack.lookerStats()).total).toBe(0);

  const altered = look.csv.slice(0, -3) + (look.csv.endsWith('AAA') ? 'BBB' : 'AAA');
  expect((await download(altered, analyst)).status).toBe(404);

  // Sealed with the server's key by a clock ten minutes behind: it expired five minutes ago.
  const past = new ExportLinks({ secret: exportSecret, ttlSeconds: 300, now: () => Date.now() - 10 * 60_000 });
  const expired = past.issue({ kind: 'look', lookId }, 'CSV', { subject: 'demo-analyst', lookerIdentity: 'service' });
  expect((await download(expired, analyst)).status).toBe(410);
  // The same link minted now opens: only the expiry differed.
  const fresh = new ExportLinks({ secret: exportSecret, ttlSeconds: 300 }).issue({ kind: 'look', lookId }, 'CSV', {
    subject: 'demo-analyst',
    lookerIdentity: 'service',
  });
  expect((await download(fresh, analyst)).status).toBe(200);

  const refused = exportEvents()
    .filter((e) => e.outcome !== 'ok')
    .map((e) => [e.outcome, e.reason, e.status]);
  expect(refused).toEqual(
    expect.arrayContaining([
      ['unauthenticated', 'missing', 401],
      ['refused', 'other_subject', 403],
      ['refused', 'invalid_link', 404],
      ['refused', 'expired_link', 410],
    ]),
  );
  for (const event of exportEvents()) expect(JSON.stringify(event)).not.toContain('/exports/');
});

test('exportUrl needs looker:data:read', async () => {
  const viewer = await stack.token('demo-viewer');
  const answer = await stack.graphql('query ($id: ID!) { look(id: $id) { id exportUrl(format: CSV) } }', {
    token: viewer,
    variables: { id: lookId },
  });
  expect(answer.body.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'FORBIDDEN' }));
  expect((answer.body.data?.look as { exportUrl: unknown }).exportUrl).toBeNull();
});

test("a download is refused as its exportUrl field would be: a link of a caller who lacks the field's scopes is FORBIDDEN in the field's own words", async () => {
  const viewer = await stack.token('demo-viewer');
  const field = await stack.graphql('query ($id: ID!) { look(id: $id) { exportUrl(format: CSV) } }', {
    token: viewer,
    variables: { id: lookId },
  });
  const fieldError = field.body.errors?.[0];
  expect(fieldError?.extensions).toEqual(
    expect.objectContaining({ code: 'FORBIDDEN', requiredScopes: [['looker:content:read', 'looker:data:read']] }),
  );
  // A link sealed for this caller (as if minted before the policy took a scope away).
  const link = new ExportLinks({ secret: exportSecret, ttlSeconds: 300 }).issue({ kind: 'look', lookId }, 'CSV', {
    subject: 'demo-viewer',
    lookerIdentity: 'service',
  });
  await stack.resetLookerStats();
  const refused = await download(link, viewer);
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.bytes.toString('utf8'))).toEqual({
    error: { code: 'FORBIDDEN', message: fieldError?.message },
  });
  expect((await stack.lookerStats()).total).toBe(0);
  expect(exportEvents().at(-1)).toEqual(
    expect.objectContaining({ outcome: 'refused', reason: 'forbidden', status: 403 }),
  );
});

const listensToStatus = (e: IDashboardElement) =>
  (e.result_maker?.filterables ?? []).some((f) => (f.listen ?? []).some((l) => l.dashboard_filter_name === 'Status'));

test("a tile's export applies the filter values chosen for it", async () => {
  const element = (dashboard.dashboard_elements ?? []).find(listensToStatus) as IDashboardElement;
  const answer = await stack.graphql(
    `query ($id: ID!, $cancelled: [DashboardFilterValue!]) {
       dashboard(id: $id) {
         tiles { id title result { rows } cancelled: result(filters: $cancelled) { rows } json: exportUrl(format: JSON, filters: $cancelled) csv: exportUrl(format: CSV, filters: $cancelled) plain: exportUrl(format: JSON) }
       } }`,
    { token: analyst, variables: { id: dashboard.id, cancelled: [{ name: 'Status', value: 'Cancelled' }] } },
  );
  expect(answer.body.errors).toBeUndefined();
  const data = answer.body.data?.dashboard as {
    tiles: {
      id: string;
      title: string;
      result: { rows: Row[] };
      cancelled: { rows: Row[] };
      json: string;
      csv: string;
      plain: string;
    }[];
  };
  const tile = data.tiles.find((t) => t.id === element.id) as (typeof data.tiles)[number];
  const cancelledRows = tile.cancelled.rows;
  expect(cancelledRows).not.toEqual(tile.result.rows);

  await stack.resetLookerStats();
  const filtered = await download(tile.json, analyst);
  expect(filtered.status).toBe(200);
  // The dashboard read anew (with its tiles), then the filtered query run inline once.
  const stats = await stack.lookerStats();
  expect(
    Object.entries(stats.byRoute)
      .filter(([, n]) => n > 0)
      .sort(),
  ).toEqual([
    ['GET /api/4.0/dashboards/:dashboard_id/dashboard_elements', 1],
    ['GET /api/4.0/dashboards/search', 1],
    ['POST /api/4.0/queries/run/:result_format', 1],
  ]);
  expect(JSON.parse(filtered.bytes.toString('utf8'))).toEqual(cancelledRows);
  const plain = await download(tile.plain, analyst);
  expect(JSON.parse(plain.bytes.toString('utf8'))).toEqual(tile.result.rows);
  const csv = await download(tile.csv, analyst);
  expect(parseCsv(csv.bytes.toString('utf8')).length).toBe(cancelledRows.length + 1);
  expect(csv.headers.get('content-disposition')).toContain('.csv"');

  const event = exportEvents().find(
    (e) => e.resource === `dashboard:${dashboard.id}/tile:${element.id}` && e.format === 'JSON',
  );
  expect(event).toEqual(
    expect.objectContaining({
      outcome: 'ok',
      subject: 'demo-analyst',
      resources: expect.arrayContaining([`dashboard:${dashboard.id}`]),
    }),
  );

  const unknown = await stack.graphql(
    'query ($id: ID!) { dashboard(id: $id) { tiles { exportUrl(format: CSV, filters: [{ name: "Nope", value: "x" }]) } } }',
    {
      token: analyst,
      variables: { id: dashboard.id },
    },
  );
  expect(unknown.body.errors?.[0]?.extensions).toEqual(
    expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'filters' }),
  );
});
