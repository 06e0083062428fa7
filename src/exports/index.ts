/**
 * Exports: signed, expiring links to a look's or a tile's data in Looker's own csv, xlsx or json,
 * minted by the `exportUrl` fields and downloaded from `GET /exports/<link>` by the same caller.
 */
export { attachmentDisposition } from './attachment-disposition';
export { exportFormats, type ExportFormat, type ExportFormatInfo } from './export-format';
export {
  defaultExportLinkTtlSeconds,
  ExportLinks,
  maxLinkLength,
  type ExportLink,
  type ExportOwner,
  type ExportTarget,
  type LinkRefusal,
} from './export-links';
export { exportRowLimit, runExport, type ExportBounds, type ExportFile } from './export-run';
export { exportRouter, type ExportCaller, type ExportRouterOptions } from './export-route';
export { lookExportUrl, tileExportUrl } from './export-mint';
