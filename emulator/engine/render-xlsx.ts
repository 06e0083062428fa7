import ExcelJS from 'exceljs';
import type { Cell } from './result-values';
import type { BinaryRenderedResult } from './types';

/** The content type Looker answers `xlsx` with (a guess: the spec declares none; see the README). */
export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A value as the workbook holds it. Text starting with `=` becomes a formula cell, as a Ruby xlsx
 * writer (caxlsx) makes it unless told to escape formulas: the worse case for a reader of the file
 * (a guess, see the README).
 */
function xlsxValue(cell: Cell): ExcelJS.CellValue {
  if (cell === null || typeof cell === 'number' || typeof cell === 'boolean') return cell;
  const text = String(cell);
  return text.startsWith('=') ? { formula: text.slice(1) } : text;
}

/**
 * Renders a table as an Excel workbook, as Looker's `xlsx` format: one worksheet, a header row of
 * field labels, then one row per result row, numbers and booleans as such and everything else as
 * text (Looker's dates arrive as strings, and stay so), except text that reads as a formula.
 */
export async function renderXlsx(header: readonly string[], body: readonly Cell[][]): Promise<BinaryRenderedResult> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Looker API emulator';
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow([...header]);
  sheet.getRow(1).font = { bold: true };
  for (const row of body) sheet.addRow(row.map(xlsxValue));
  const bytes = await workbook.xlsx.writeBuffer();
  return { contentType: xlsxContentType, body: Buffer.from(bytes) };
}
