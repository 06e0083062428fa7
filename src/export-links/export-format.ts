/** The download formats of an export, as the schema's `ExportFormat` names them. */
export type ExportFormat = 'CSV' | 'XLSX' | 'JSON';

/** What one export format is on each side: Looker's `result_format`, the answer's content type, the file's extension. */
export interface ExportFormatInfo {
  readonly looker: 'csv' | 'xlsx' | 'json';
  readonly contentType: string;
  readonly extension: string;
}

/** Each export format's Looker result format, content type and file extension. */
export const exportFormats: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  CSV: { looker: 'csv', contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  XLSX: {
    looker: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  JSON: { looker: 'json', contentType: 'application/json; charset=utf-8', extension: 'json' },
};

/** Whether a value read back from a link is an export format. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return value === 'CSV' || value === 'XLSX' || value === 'JSON';
}
