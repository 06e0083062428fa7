import ExcelJS from 'exceljs';
import { startSubgraphStack, type SubgraphStack } from '../../support/subgraph-stack';
import { download, parseCsv } from './export-download';

/**
 * Cells a spreadsheet would run as formulas. The demo's distribution centres include names that
 * start with `=`, `@`, `+` and `-` (`=HYPERLINK("http://evil.example","click")`): in a CSV export
 * they arrive with a leading `'` (OWASP's advice), and in an XLSX export as text cells, never as
 * formulas, whatever Looker wrote; numbers stay numbers and JSON stays as Looker sent it.
 */
const lookId = '53';
const nameField = 'distribution_centers.name';
const countField = 'inventory_items.count';
const formulaLike = ['=HYPERLINK("http://evil.example","click")', '@SUM(1+1)', '+1+1', '-2+3'];

type Row = Record<string, string | number | null>;
let stack: SubgraphStack;
let analyst: string;
let look: { csv: string; xlsx: string; json: string; result: { rows: Row[] } };

beforeAll(async () => {
  stack = await startSubgraphStack();
  analyst = await stack.token('demo-analyst');
  const answer = await stack.graphql(
    'query ($id: ID!) { look(id: $id) { csv: exportUrl(format: CSV) xlsx: exportUrl(format: XLSX) json: exportUrl(format: JSON) result { rows } } }',
    { token: analyst, variables: { id: lookId } },
  );
  expect(answer.body.errors).toBeUndefined();
  look = answer.body.data?.look as typeof look;
  // The look shows every centre, the formula-like ones included.
  expect(look.result.rows.map((r) => r[nameField])).toEqual(expect.arrayContaining(formulaLike));
});

afterAll(() => stack?.stop());

test('CSV: cells that would run as formulas start with a quote; other cells and numbers are as Looker sent them', async () => {
  const csv = await download(stack, look.csv, analyst);
  expect(csv.status).toBe(200);
  const text = csv.bytes.toString('utf8');
  const [header, ...body] = parseCsv(text);
  expect(header).toHaveLength(2);
  const expected = look.result.rows.map((row) => {
    const name = String(row[nameField]);
    return [formulaLike.includes(name) ? `'${name}` : name, String(row[countField])];
  });
  expect(body).toEqual(expected);
  // A neutralised cell is quoted too, so no other separator can split it.
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  expect(text).toContain(`"'@SUM(1+1)"`);
  expect(text.endsWith('\r\n')).toBe(true);
});

test('XLSX: formula-like text is a text cell, no cell is a formula, counts are numbers', async () => {
  const xlsx = await download(stack, look.xlsx, analyst);
  expect(xlsx.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
  const cells: { type: ExcelJS.ValueType; value: unknown }[][] = [];
  sheet.eachRow((row) => {
    const line: { type: ExcelJS.ValueType; value: unknown }[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => line.push({ type: cell.type, value: cell.value }));
    cells.push(line);
  });
  const body = cells.slice(1);
  expect(body).toEqual(
    look.result.rows.map((row) => [
      { type: ExcelJS.ValueType.String, value: row[nameField] },
      { type: ExcelJS.ValueType.Number, value: row[countField] },
    ]),
  );
  expect(cells.flat().filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
});

test('JSON: values exactly as Looker answered them', async () => {
  const json = await download(stack, look.json, analyst);
  expect(json.status).toBe(200);
  expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(look.result.rows);
});
