import type { AnomalyRow, ContentRow, RefusalRow, RoleRow, SubjectRow } from './report-model';

/** A cell's value: lists are written as scope names are, separated by spaces. */
export type CellValue = string | number | readonly string[];

/**
 * One column of a report table, for its CSV file and its table on the page alike: the CSV header,
 * the page's header when it differs, and whether the page leaves it out (the CSV holds every column).
 */
export interface ReportColumn<T> {
  readonly csv: string;
  readonly label?: string;
  readonly onPage?: false;
  readonly value: (row: T) => CellValue;
}

export const subjectColumns: readonly ReportColumn<SubjectRow>[] = [
  { csv: 'subject', value: (r) => r.subject },
  { csv: 'client_ids', label: 'clients', value: (r) => r.clientIds },
  { csv: 'first_seen', label: 'first seen', value: (r) => r.firstSeen },
  { csv: 'last_seen', label: 'last seen', value: (r) => r.lastSeen },
  { csv: 'events', onPage: false, value: (r) => r.events },
  { csv: 'scopes_held', label: 'scopes held', value: (r) => r.scopesHeld },
  { csv: 'scopes_used', label: 'scopes used', value: (r) => r.scopesUsed },
  { csv: 'scopes_unused', label: 'held, never used', value: (r) => r.scopesUnused },
  { csv: 'content_touched', label: 'content', value: (r) => r.contentTouched },
  { csv: 'queries', value: (r) => r.queries },
  { csv: 'rows', value: (r) => r.rows },
  { csv: 'exports', value: (r) => r.exports },
  { csv: 'embeds', value: (r) => r.embeds },
  { csv: 'mcp_tool_calls', label: 'MCP tool calls', value: (r) => r.mcpToolCalls },
  { csv: 'writes', value: (r) => r.writes },
  { csv: 'looker_calls', label: 'Looker calls', value: (r) => r.lookerCalls },
  { csv: 'refusals', value: (r) => r.refusals },
];

export const roleColumns: readonly ReportColumn<RoleRow>[] = [
  { csv: 'role', value: (r) => r.role },
  { csv: 'grants', value: (r) => r.grants },
  { csv: 'members_seen', label: 'members seen', value: (r) => r.membersSeen.length },
  { csv: 'members', onPage: false, value: (r) => r.membersSeen },
  { csv: 'grants_used', label: 'grants used', value: (r) => r.grantsUsed },
  { csv: 'grants_never_used', label: 'grants never used', value: (r) => r.grantsNeverUsed },
];

export const refusalColumns: readonly ReportColumn<RefusalRow>[] = [
  { csv: 'subject', value: (r) => r.subject },
  { csv: 'reason', value: (r) => r.reason },
  { csv: 'count', value: (r) => r.count },
  { csv: 'first', value: (r) => r.first },
  { csv: 'last', value: (r) => r.last },
];

export const contentColumns: readonly ReportColumn<ContentRow>[] = [
  { csv: 'subject', value: (r) => r.subject },
  { csv: 'resource', value: (r) => r.resource },
  { csv: 'kind', onPage: false, value: (r) => r.kind },
  { csv: 'title', value: (r) => r.title },
  { csv: 'reads', value: (r) => r.reads },
  { csv: 'exports', value: (r) => r.exports },
  { csv: 'writes', value: (r) => r.writes },
  { csv: 'first', value: (r) => r.first },
  { csv: 'last', value: (r) => r.last },
];

export const anomalyColumns: readonly ReportColumn<AnomalyRow>[] = [
  { csv: 'subject', value: (r) => r.subject },
  { csv: 'kind', value: (r) => r.kind },
  { csv: 'at', value: (r) => r.at },
  { csv: 'value', value: (r) => r.value },
  { csv: 'baseline', value: (r) => r.baseline },
  { csv: 'detail', value: (r) => r.detail },
];
