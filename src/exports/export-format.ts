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
  XLSX: { looker: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  JSON: { looker: 'json', contentType: 'application/json; charset=utf-8', extension: 'json' },
};

/** Whether a value read back from a link is an export format. */
export function isExportFormat(value: unknown): value is ExportFormat {
  return value === 'CSV' || value === 'XLSX' || value === 'JSON';
}

/**
 * `Content-Disposition` of a download: an ASCII `filename` any client reads (characters that could
 * break the header or a path replaced), and the title as typed in `filename*` (RFC 6266/5987).
 */
export function attachmentDisposition(title: string, extension: string): string {
  const base = title.trim().slice(0, 100) || 'export';
  const ascii = base.replace(/[^A-Za-z0-9 ._()-]+/g, '_').replace(/^[.\s]+/, '') || 'export';
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${base}.${extension}`)}`;
}
