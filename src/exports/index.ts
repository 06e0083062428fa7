/**
 * Exports: signed, expiring links to a look's or a tile's data in Looker's own csv, xlsx or json.
 * The `exportUrl` fields mint them; the same caller downloads them from `GET /exports/<link>`.
 */
export { attachmentDisposition } from './attachment-disposition';
export { isFormulaCell } from './csv-formulas';
export { exportFormats, type ExportFormat, type ExportFormatInfo } from '../export-links/export-format';
export {
  defaultExportLinkTtlSeconds,
  ExportLinks,
  maxLinkLength,
  type ExportLink,
  type ExportOwner,
  type ExportTarget,
  type LinkRefusal,
} from '../export-links/export-links';
export { exportRowLimit, runExport, type ExportBounds, type ExportFile } from './export-run';
export { exportRouter, type ExportCaller, type ExportRouterOptions } from './export-route';
export { lookExportUrl, tileExportUrl } from './export-mint';
