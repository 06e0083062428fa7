import { isFormulaCell } from '../exports';
import {
  anomalyColumns,
  contentColumns,
  refusalColumns,
  roleColumns,
  subjectColumns,
  type CellValue,
  type ReportColumn,
} from './report-columns';
import type { AccessReviewReport } from './report-model';

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: text that would run as a formula gets a
 * leading `'`, as downloads of `/exports` do; a cell with a comma, quote or line break is quoted.
 */
export function csvCell(value: CellValue): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : value.join(' ');
  const safe = isFormulaCell(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV file: a header row, then one row per item, CRLF line ends; every column of the table. */
export function csvTable<T>(columns: readonly ReportColumn<T>[], rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.csv)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The CSV files of a report, by file name, for a GRC tool to import. */
export function reportCsvFiles(report: AccessReviewReport): Record<string, string> {
  return {
    'subjects.csv': csvTable(subjectColumns, report.subjects),
    'roles.csv': csvTable(roleColumns, report.roles ?? []),
    'refusals.csv': csvTable(refusalColumns, report.refusals),
    'content.csv': csvTable(contentColumns, report.content),
    'anomalies.csv': csvTable(anomalyColumns, report.anomalies),
  };
}
