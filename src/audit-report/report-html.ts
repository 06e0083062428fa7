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

type Cell = string | number | readonly string[];

function cellText(value: Cell): string {
  return typeof value === 'string' || typeof value === 'number' ? escapeHtml(value) : escapeHtml(value.join(' '));
}

function table<T>(
  id: string,
  caption: string,
  columns: readonly (readonly [string, (row: T) => Cell])[],
  rows: readonly T[],
  csv: string,
): string {
  const shown = rows.slice(0, maxHtmlRows);
  const note =
    rows.length > shown.length
      ? `<p class="note">The first ${shown.length} of ${rows.length} rows; all of them are in <a href="${csv}">${csv}</a>.</p>`
      : `<p class="note">${rows.length} row${rows.length === 1 ? '' : 's'}, also in <a href="${csv}">${csv}</a>.</p>`;
  const head = columns.map(([name]) => `<th scope="col">${escapeHtml(name)}</th>`).join('');
  const body = shown
    .map((row) => `<tr>${columns.map(([, value]) => `<td>${cellText(value(row))}</td>`).join('')}</tr>`)
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
    table(
      'anomalies',
      'Unusual activity',
      [
        ['subject', (r) => r.subject],
        ['kind', (r) => r.kind],
        ['at', (r) => r.at],
        ['value', (r) => r.value],
        ['baseline', (r) => r.baseline],
        ['detail', (r) => r.detail],
      ],
      report.anomalies,
      'anomalies.csv',
    ),
    table(
      'subjects',
      'Subjects',
      [
        ['subject', (r) => r.subject],
        ['clients', (r) => r.clientIds],
        ['first seen', (r) => r.firstSeen],
        ['last seen', (r) => r.lastSeen],
        ['scopes held', (r) => r.scopesHeld],
        ['scopes used', (r) => r.scopesUsed],
        ['held, never used', (r) => r.scopesUnused],
        ['content', (r) => r.contentTouched],
        ['queries', (r) => r.queries],
        ['rows', (r) => r.rows],
        ['exports', (r) => r.exports],
        ['embeds', (r) => r.embeds],
        ['MCP tool calls', (r) => r.mcpToolCalls],
        ['writes', (r) => r.writes],
        ['Looker calls', (r) => r.lookerCalls],
        ['refusals', (r) => r.refusals],
      ],
      report.subjects,
      'subjects.csv',
    ),
    report.roles === null
      ? '<section><h2>Policy roles</h2><p class="note">Run with <code>--policy FILE</code> to list the members of each rule and the grants nobody used.</p></section>'
      : table(
          'roles',
          'Policy roles',
          [
            ['role', (r) => r.role],
            ['grants', (r) => r.grants],
            ['members seen', (r) => r.membersSeen.length],
            ['grants used', (r) => r.grantsUsed],
            ['grants never used', (r) => r.grantsNeverUsed],
          ],
          report.roles,
          'roles.csv',
        ),
    table(
      'refusals',
      'Refusals by reason',
      [
        ['subject', (r) => r.subject],
        ['reason', (r) => r.reason],
        ['count', (r) => r.count],
        ['first', (r) => r.first],
        ['last', (r) => r.last],
      ],
      [...report.refusals].sort((a, b) => b.count - a.count),
      'refusals.csv',
    ),
    table(
      'content',
      'Content touched',
      [
        ['subject', (r) => r.subject],
        ['resource', (r) => r.resource],
        ['title', (r) => r.title],
        ['reads', (r) => r.reads],
        ['exports', (r) => r.exports],
        ['writes', (r) => r.writes],
        ['first', (r) => r.first],
        ['last', (r) => r.last],
      ],
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
