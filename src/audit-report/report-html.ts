import {
  anomalyColumns,
  contentColumns,
  refusalColumns,
  roleColumns,
  subjectColumns,
  type CellValue,
  type ReportColumn,
} from './report-columns';
import type { AccessReviewReport, ActivityPoint } from './report-model';

/** The most rows a table of the page shows; the CSV files hold them all. */
export const maxHtmlRows = 1000;

/**
 * Text made inert in HTML, in element content and in quoted attributes alike: subjects, titles and
 * reasons come from callers and content authors, so every value goes through here.
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function cellText(value: CellValue): string {
  return typeof value === 'string' || typeof value === 'number' ? escapeHtml(value) : escapeHtml(value.join(' '));
}

/** A table of the page: the columns it shows (the CSV file has them all), at most {@link maxHtmlRows} rows. */
function table<T>(
  id: string,
  caption: string,
  all: readonly ReportColumn<T>[],
  rows: readonly T[],
  csv: string,
): string {
  const columns = all.filter((c) => c.onPage !== false);
  const shown = rows.slice(0, maxHtmlRows);
  const note =
    rows.length > shown.length
      ? `<p class="note">The first ${shown.length} of ${rows.length} rows; all of them are in <a href="${csv}">${csv}</a>.</p>`
      : `<p class="note">${rows.length} row${rows.length === 1 ? '' : 's'}, also in <a href="${csv}">${csv}</a>.</p>`;
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c.label ?? c.csv)}</th>`).join('');
  const body = shown
    .map((row) => `<tr>${columns.map((c) => `<td>${cellText(c.value(row))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<section><h2>${escapeHtml(caption)}</h2>${note}<table id="${id}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></section>`;
}

/** An inline SVG bar chart of events per day or week, refusals drawn over them. */
export function activityChart(points: readonly ActivityPoint[], step: 'day' | 'week'): string {
  const width = 960;
  const height = 240;
  const left = 56;
  const bottom = 24;
  const plotWidth = width - left - 8;
  const plotHeight = height - bottom - 8;
  const max = Math.max(1, ...points.map((p) => p.events));
  // A few points get bars of a readable width, not the whole plot.
  const barWidth = Math.min(points.length > 0 ? plotWidth / points.length : plotWidth, 24);
  const y = (value: number) => 8 + plotHeight - (value / max) * plotHeight;
  const bars = points
    .map((p, i) => {
      const x = (left + i * barWidth).toFixed(1);
      const w = Math.max(barWidth - 1, 0.5).toFixed(1);
      const label = `${p.start}: ${p.events} events, ${p.refusals} refusals, ${p.lookerCalls} Looker calls`;
      return (
        `<g class="point"><title>${escapeHtml(label)}</title>` +
        `<rect class="events" x="${x}" y="${y(p.events).toFixed(1)}" width="${w}" height="${(8 + plotHeight - y(p.events)).toFixed(1)}"/>` +
        `<rect class="refusals" x="${x}" y="${y(p.refusals).toFixed(1)}" width="${w}" height="${(8 + plotHeight - y(p.refusals)).toFixed(1)}"/></g>`
      );
    })
    .join('');
  const first = points[0]?.start ?? '';
  const last = points[points.length - 1]?.start ?? '';
  return (
    `<svg id="activity" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" ` +
    `aria-label="Events per ${step}">` +
    `<line x1="${left}" y1="${8 + plotHeight}" x2="${width - 8}" y2="${8 + plotHeight}" class="axis"/>` +
    `<text x="${left - 4}" y="16" text-anchor="end">${max}</text><text x="${left - 4}" y="${8 + plotHeight}" text-anchor="end">0</text>` +
    `<text x="${left}" y="${height - 6}">${escapeHtml(first)}</text>` +
    `<text x="${width - 8}" y="${height - 6}" text-anchor="end">${escapeHtml(last)}</text>` +
    `${bars}</svg>`
  );
}

const style = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2433}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #d0d5dd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f2f4f7;position:sticky;top:0}td{max-width:420px;overflow-wrap:anywhere}
.note{color:#555;font-size:12px}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:600}
svg{max-width:100%;height:auto;border:1px solid #d0d5dd}svg text{font-size:11px;fill:#555}
.events{fill:#4f7cc4}.refusals{fill:#d9534f}.axis{stroke:#888}
`;

/**
 * The report a reviewer opens in a browser: one self-contained page (inline style, an inline SVG
 * chart, no script: its Content-Security-Policy allows none), every value escaped.
 */
export function reportHtml(report: AccessReviewReport, generatedAt: string): string {
  const types = Object.entries(report.eventsByType)
    .map(([type, count]) => `${type}: ${count}`)
    .join(', ');
  const sections = [
    `<section><h2>Activity per ${report.activityStep}</h2><p class="note">Bars: events; red: refusals. Hover a bar for its figures.</p>${activityChart(report.activity, report.activityStep)}</section>`,
    table('anomalies', 'Unusual activity', anomalyColumns, report.anomalies, 'anomalies.csv'),
    table('subjects', 'Subjects', subjectColumns, report.subjects, 'subjects.csv'),
    report.roles === null
      ? '<section><h2>Policy roles</h2><p class="note">Run with <code>--policy FILE</code> to list the members of each rule and the grants nobody used.</p></section>'
      : table('roles', 'Policy roles', roleColumns, report.roles, 'roles.csv'),
    table(
      'refusals',
      'Refusals by reason',
      refusalColumns,
      [...report.refusals].sort((a, b) => b.count - a.count),
      'refusals.csv',
    ),
    table(
      'content',
      'Content touched',
      contentColumns,
      [...report.content].sort((a, b) => b.reads + b.exports + b.writes - (a.reads + a.exports + a.writes)),
      'content.csv',
    ),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Access review</title><style>${style}</style></head>
<body><h1>Access review</h1>
<dl><dt>Period</dt><dd>${escapeHtml(report.firstSeen ?? '—')} to ${escapeHtml(report.lastSeen ?? '—')}</dd>
<dt>Events</dt><dd>${report.events} (${escapeHtml(types)})</dd>
<dt>Subjects</dt><dd>${report.subjects.length}</dd>
<dt>Generated</dt><dd>${escapeHtml(generatedAt)}</dd></dl>
${sections.join('\n')}
</body></html>
`;
}
