import { isFormulaCell } from '../exports';
import type { AccessReviewReport } from './report-model';

/** A cell's value: lists are written as scope names are, separated by spaces. */
export type CsvValue = string | number | readonly string[];

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: text that would run as a formula gets a
 * leading `'`, as downloads of `/exports` do; a cell with a comma, quote or line break is quoted.
 */
export function csvCell(value: CsvValue): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : value.join(' ');
  const safe = isFormulaCell(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV file: a header row, then one row per item, CRLF line ends. */
export function csvTable<T>(columns: readonly (readonly [string, (row: T) => CsvValue])[], rows: readonly T[]): string {
  const lines = [columns.map(([name]) => csvCell(name)).join(',')];
  for (const row of rows) lines.push(columns.map(([, value]) => csvCell(value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The CSV files of a report, by file name, for a GRC tool to import. */
export function reportCsvFiles(report: AccessReviewReport): Record<string, string> {
  return {
    'subjects.csv': csvTable(
      [
        ['subject', (r) => r.subject],
        ['client_ids', (r) => r.clientIds],
        ['first_seen', (r) => r.firstSeen],
        ['last_seen', (r) => r.lastSeen],
        ['events', (r) => r.events],
        ['scopes_held', (r) => r.scopesHeld],
        ['scopes_used', (r) => r.scopesUsed],
        ['scopes_unused', (r) => r.scopesUnused],
        ['content_touched', (r) => r.contentTouched],
        ['queries', (r) => r.queries],
        ['rows', (r) => r.rows],
        ['exports', (r) => r.exports],
        ['embeds', (r) => r.embeds],
        ['mcp_tool_calls', (r) => r.mcpToolCalls],
        ['writes', (r) => r.writes],
        ['looker_calls', (r) => r.lookerCalls],
        ['refusals', (r) => r.refusals],
      ],
      report.subjects,
    ),
    'roles.csv': csvTable(
      [
        ['role', (r) => r.role],
        ['grants', (r) => r.grants],
        ['members_seen', (r) => r.membersSeen.length],
        ['members', (r) => r.membersSeen],
        ['grants_used', (r) => r.grantsUsed],
        ['grants_never_used', (r) => r.grantsNeverUsed],
      ],
      report.roles ?? [],
    ),
    'refusals.csv': csvTable(
      [
        ['subject', (r) => r.subject],
        ['reason', (r) => r.reason],
        ['count', (r) => r.count],
        ['first', (r) => r.first],
        ['last', (r) => r.last],
      ],
      report.refusals,
    ),
    'content.csv': csvTable(
      [
        ['subject', (r) => r.subject],
        ['resource', (r) => r.resource],
        ['kind', (r) => r.kind],
        ['title', (r) => r.title],
        ['reads', (r) => r.reads],
        ['exports', (r) => r.exports],
        ['writes', (r) => r.writes],
        ['first', (r) => r.first],
        ['last', (r) => r.last],
      ],
      report.content,
    ),
    'anomalies.csv': csvTable(
      [
        ['subject', (r) => r.subject],
        ['kind', (r) => r.kind],
        ['at', (r) => r.at],
        ['value', (r) => r.value],
        ['baseline', (r) => r.baseline],
        ['detail', (r) => r.detail],
      ],
      report.anomalies,
    ),
  };
}
