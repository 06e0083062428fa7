import ExcelJS from 'exceljs';
import { neutralizeXlsxFormulas } from '../../../src/exports/xlsx-formulas';

async function workbookOf(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Sheet1'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function cellsOf(xlsx: Buffer): Promise<Record<string, { type: ExcelJS.ValueType; value: unknown }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const cells: Record<string, { type: ExcelJS.ValueType; value: unknown }> = {};
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        cells[cell.address] = { type: cell.type, value: cell.value };
      }),
    ),
  );
  return cells;
}

test('formula cells become their computed value, or else their text in a text cell', async () => {
  const xlsx = await workbookOf((sheet) => {
    sheet.getCell('A1').value = 'name';
    sheet.getCell('B1').value = { formula: 'HYPERLINK("http://evil.example","click")' };
    sheet.getCell('C1').value = { formula: '1+1', result: 2 };
    sheet.getCell('D1').value = { formula: 'A1', result: 'name' };
    // A shared formula (exceljs reads and writes them; its types leave out the fields that make one).
    sheet.getCell('A2').value = {
      formula: 'C1*2',
      result: 4,
      shareType: 'shared',
      ref: 'A2:A3',
    } as ExcelJS.CellFormulaValue;
    sheet.getCell('A3').value = { sharedFormula: 'A2', result: 6 };
    sheet.getCell('B2').value = '@SUM(1+1)';
    sheet.getCell('C2').value = -5;
  });
  expect(Object.values(await cellsOf(xlsx)).filter((c) => c.type === ExcelJS.ValueType.Formula)).toHaveLength(5);

  const cells = await cellsOf(await neutralizeXlsxFormulas(xlsx));
  expect(cells).toEqual({
    A1: { type: ExcelJS.ValueType.String, value: 'name' },
    B1: { type: ExcelJS.ValueType.String, value: '=HYPERLINK("http://evil.example","click")' },
    C1: { type: ExcelJS.ValueType.Number, value: 2 },
    D1: { type: ExcelJS.ValueType.String, value: 'name' },
    A2: { type: ExcelJS.ValueType.Number, value: 4 },
    A3: { type: ExcelJS.ValueType.Number, value: 6 },
    // Text is never run: it stays as it is, and numbers stay numbers.
    B2: { type: ExcelJS.ValueType.String, value: '@SUM(1+1)' },
    C2: { type: ExcelJS.ValueType.Number, value: -5 },
  });
});

test('a workbook without formulas is answered byte for byte', async () => {
  const xlsx = await workbookOf((sheet) => {
    sheet.addRow(['Name', 'Count']);
    sheet.addRow(['=not a formula, a text cell', -5]);
  });
  expect(await neutralizeXlsxFormulas(xlsx)).toBe(xlsx);
});
