import { AccessReview, csvCell, escapeHtml, reportCsvFiles, reportHtml } from '../../../src/audit-report';
import { parseCsv } from '../../e2e/exports/export-download';

test('CSV cells: formulas neutralised as exports do, commas, quotes and line breaks quoted, numbers as they are', () => {
  expect(csvCell('=HYPERLINK("http://evil.example")')).toBe('"\'=HYPERLINK(""http://evil.example"")"');
  expect(csvCell('@SUM(1)')).toBe(`"'@SUM(1)"`);
  expect(csvCell('+1+1')).toBe(`"'+1+1"`);
  expect(csvCell('-5')).toBe('-5');
  expect(csvCell(-5)).toBe('-5');
  expect(csvCell('a,b')).toBe('"a,b"');
  expect(csvCell('two\nlines')).toBe('"two\nlines"');
  expect(csvCell(['looker:content:read', 'looker:data:read'])).toBe('looker:content:read looker:data:read');
});

function hostileReview(): AccessReview {
  const review = new AccessReview();
  review.add({
    type: 'export',
    time: '2026-02-01T10:00:00.000Z',
    subject: '<script>alert(1)</script>',
    clientId: '=cmd|"/c calc"!A1',
    scopes: ['looker:content:read', 'looker:data:read'],
    resource: 'look:7',
    title: '<img src=x onerror=alert(1)>',
    rows: 3,
    outcome: 'ok',
  });
  review.add({
    type: 'graphql.operation',
    time: '2026-02-01T10:00:01.000Z',
    subject: 'x',
    outcome: 'refused',
    reason: '"><svg onload=alert(2)>',
  });
  return review;
}

test('every CSV file reads back: header, one row per item, attacker text kept as text with formulas neutralised', () => {
  const files = reportCsvFiles(hostileReview().report());
  expect(Object.keys(files).sort()).toEqual([
    'anomalies.csv',
    'content.csv',
    'refusals.csv',
    'roles.csv',
    'subjects.csv',
  ]);
  const subjects = parseCsv(files['subjects.csv'] ?? '');
  expect(subjects[0]?.[0]).toBe('subject');
  const row = subjects.find((r) => r[0] === '<script>alert(1)</script>');
  expect(row?.[1]).toBe(`'=cmd|"/c calc"!A1`);
  const content = parseCsv(files['content.csv'] ?? '');
  expect(content[1]).toEqual(expect.arrayContaining(['look:7', '<img src=x onerror=alert(1)>']));
  expect(parseCsv(files['refusals.csv'] ?? '')[1]).toEqual(expect.arrayContaining(['"><svg onload=alert(2)>']));
});

test('the page escapes every value and carries no script', () => {
  const html = reportHtml(hostileReview().report(), '2026-02-02T00:00:00.000Z');
  expect(html).not.toContain('<img src=x');
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('<svg onload');
  expect(html).toContain(escapeHtml('<img src=x onerror=alert(1)>'));
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  expect(escapeHtml(`<a href="x" title='y'>&`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;');
});
