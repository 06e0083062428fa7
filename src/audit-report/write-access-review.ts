import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPolicyFile } from '../policy';
import { AccessReview, type AnomalyBounds } from './access-review';
import { readAuditFiles, type AuditReadCounts } from './audit-file-lines';
import { reportCsvFiles } from './report-csv';
import { reportHtml } from './report-html';
import type { AccessReviewReport } from './report-model';

/** What {@link writeAccessReview} reads and where it writes. */
export interface AccessReviewRequest {
  /** Audit files (`AUDIT_LOG` and its rotated copies, `.gz` or not), in any order. */
  readonly files: readonly string[];
  /** The folder to write `index.html` and the CSV files to (made when missing). */
  readonly out: string;
  /** The policy file (`POLICY_FILE`), for the roles table. */
  readonly policyFile?: string;
  readonly bounds?: AnomalyBounds;
  readonly now?: () => Date;
}

/** What was read and written. */
export interface AccessReviewResult extends AuditReadCounts {
  readonly report: AccessReviewReport;
  /** The files written, in `out`. */
  readonly written: readonly string[];
}

/**
 * Reads the audit files once, line by line, and writes the access review: `index.html` for a
 * reviewer and `subjects.csv`, `roles.csv`, `refusals.csv`, `content.csv`, `anomalies.csv` for a
 * GRC tool.
 */
export async function writeAccessReview(request: AccessReviewRequest): Promise<AccessReviewResult> {
  const policy = request.policyFile === undefined ? undefined : (await loadPolicyFile(request.policyFile)).policy;
  const review = new AccessReview({
    ...(policy && { policy }),
    ...(request.bounds && { bounds: request.bounds }),
  });
  const counts = await readAuditFiles(request.files, (event) => review.add(event));
  const report = review.report();
  await mkdir(request.out, { recursive: true });
  const files: Record<string, string> = {
    'index.html': reportHtml(report, (request.now?.() ?? new Date()).toISOString()),
    ...reportCsvFiles(report),
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(request.out, name), text, 'utf8');
  return { ...counts, report, written: Object.keys(files) };
}
