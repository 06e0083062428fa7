/**
 * Access reviews from the audit trail (`npm run audit:report`): per subject the scopes held and
 * used, content touched, data read, refusals and unusual activity; per policy rule its members and
 * the grants nobody used. An HTML page for a reviewer, CSV files for a GRC tool.
 */
export { AccessReview, defaultAnomalyBounds, type AnomalyBounds } from './access-review';
export { readAuditFiles, type AuditReadCounts } from './audit-file-lines';
export { csvCell, reportCsvFiles } from './report-csv';
export { escapeHtml, reportHtml } from './report-html';
export type {
  AccessReviewReport,
  ActivityPoint,
  AnomalyRow,
  ContentRow,
  RefusalRow,
  RoleRow,
  SubjectRow,
} from './report-model';
export { writeAccessReview, type AccessReviewRequest, type AccessReviewResult } from './write-access-review';
