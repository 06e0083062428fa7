import type ExcelJS from 'exceljs';

/** exceljs, loaded with the first XLSX export: most replicas never serve one, and it is tens of MB of heap. */
const excel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/** What a formula cell becomes: the value Looker computed for it when the file holds one, else its text (`=…`) as a text cell. */
function plainValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  const { result } = cell.value as ExcelJS.CellFormulaValue;
  return result ?? `=${cell.formula}`;
}

/**
 * A workbook in which no cell is a formula, whatever wrote it: some xlsx writers turn text that
 * starts with `=` into a formula cell (caxlsx does unless told to escape formulas), which a
 * spreadsheet runs on opening. Each formula cell becomes its computed value, or else its text as a
 * text cell. Text cells are never run, so they stay as they are (a `'` would show as a character).
 * A workbook without formulas is answered byte for byte as it came.
 */
export async function neutralizeXlsxFormulas(xlsx: Buffer): Promise<Buffer> {
  const { Workbook, ValueType } = await excel();
  const workbook = new Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const replaced: [ExcelJS.Cell, ExcelJS.CellValue][] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        // Shared and array formulas are formulas too.
        if (cell.type === ValueType.Formula) replaced.push([cell, plainValue(cell)]);
      });
    });
  });
  // Values are read before any is written: a shared formula's cells read their master's formula.
  for (const [cell, value] of replaced) cell.value = value;
  return replaced.length > 0 ? Buffer.from(await workbook.xlsx.writeBuffer()) : xlsx;
}
