import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { startDashboardViewer, type RunningDashboardViewer } from '../../../examples/dashboard-viewer/server';
import { foreignRequests, launchChromium, recordPage, saveScreenshot, type PageRecording } from '../../support/browser';
import { startWebDemo, type WebDemoStack } from './web-demo-stack';

let stack: WebDemoStack;
let viewer: RunningDashboardViewer;
let browser: Browser;
let page: Page;
let recording: PageRecording;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startWebDemo();
  viewer = await startDashboardViewer({
    port: 0,
    subgraphUrl: stack.graphqlUrl,
    demoTokenUrl: `${stack.issuerUrl}/token`,
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page.setDefaultTimeout(20_000);
  recording = recordPage(page);
  await page.goto(`${viewer.url}/?dashboard=1`);
});

afterAll(async () => {
  await browser?.close();
  await viewer?.stop();
  await stack?.stop();
});

/** Picks a demo identity; the page then shows the chosen dashboard with that identity's token. */
async function showAs(clientId: string): Promise<void> {
  await page.locator('#identity').selectOption(clientId);
  await page
    .locator('#status')
    .getByText(/\d+ tiles/)
    .waitFor();
}

/** Picks a dashboard in the picker and waits for its tiles. */
async function pickDashboard(id: string, title: string): Promise<void> {
  await page.locator('#dashboard-id').selectOption(id);
  await page.locator('#dashboard-title').getByText(title).waitFor();
  await page
    .locator('#status')
    .getByText(/\d+ tiles/)
    .waitFor();
}

const tile = (title: string): Locator =>
  page.locator('.tile', { has: page.locator('.tile-title', { hasText: title }) });

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('the tile is not on the page');
  return found;
}

/** Per canvas on the page: its Looker vis type, Chart.js's chart type, and the points of its datasets. */
function charts(): Promise<{ visType: string; type: string; datasets: number; points: number }[]> {
  return page.evaluate(`[...document.querySelectorAll('canvas')].map((canvas) => {
    const chart = globalThis.Chart && globalThis.Chart.getChart(canvas);
    return {
      visType: canvas.dataset.visType,
      type: chart ? chart.config.type : 'none',
      datasets: chart ? chart.data.datasets.length : 0,
      points: chart ? chart.data.datasets.reduce((sum, set) => sum + set.data.filter((v) => typeof v === 'number').length, 0) : 0,
    };
  })`);
}

test('an analyst sees Executive Overview laid out on its grid, charts by vis type, formatted values and the text tile', async () => {
  await showAs('demo-analyst');
  await page.locator('#dashboard-title').getByText('Executive Overview').waitFor();
  const titles = await page.locator('.tile-title').allTextContents();
  expect(titles).toEqual(
    expect.arrayContaining([
      'Total Revenue (All Time)',
      'Orders per Month',
      'Revenue Trend',
      'Revenue by Department',
      'About this dashboard',
    ]),
  );

  // Layout: tile 1 at row 0, columns 0–5; tile 2 beside it, columns 6–17; tile 3 at row 6 below both;
  // the text tile spans all 24 columns.
  const total = await box(tile('Total Revenue (All Time)'));
  const orders = await box(tile('Orders per Month'));
  const trend = await box(tile('Revenue Trend').first());
  const about = await box(tile('About this dashboard'));
  expect(Math.abs(orders.y - total.y)).toBeLessThan(2);
  expect(orders.x).toBeGreaterThan(total.x + total.width);
  expect(orders.width / total.width).toBeGreaterThan(1.8);
  expect(orders.width / total.width).toBeLessThan(2.2);
  expect(trend.y).toBeGreaterThan(orders.y + orders.height);
  expect(Math.abs(trend.x - total.x)).toBeLessThan(2);
  expect(about.width).toBeGreaterThan(orders.width * 1.9);
  // Height counts grid rows: 6 rows against 4.
  expect(orders.height / total.height).toBeGreaterThan(1.3);

  // Charts follow visType: a column, a line and a pie chart, each with data.
  const drawn = await charts();
  const byVis = new Map(drawn.map((chart) => [chart.visType, chart]));
  expect(byVis.get('looker_column')).toMatchObject({ type: 'bar' });
  expect(byVis.get('looker_line')).toMatchObject({ type: 'line' });
  expect(byVis.get('looker_pie')).toMatchObject({ type: 'pie' });
  for (const chart of drawn) expect(chart.points).toBeGreaterThan(0);
  // Single value and table: Looker's rendered strings (USD).
  await expect(tile('Total Revenue (All Time)').locator('.tile-value strong').textContent()).resolves.toMatch(
    /^\$[\d,]+\.\d\d$/,
  );
  await expect(tile('Revenue Trend (Table)').locator('td.measure').first().textContent()).resolves.toMatch(
    /^\$[\d,]+\.\d\d$/,
  );
  await expect(tile('Total Revenue (All Time)').locator('.tile-subtitle').textContent()).resolves.toBe('All time, USD');
  await expect(tile('Revenue Trend').first().locator('.tile-note').textContent()).resolves.toContain('before refunds');
  // The text tile's Markdown: **USD** in bold, as text (never as HTML).
  await expect(tile('About this dashboard').locator('.tile-text').textContent()).resolves.toBe(
    'Figures are in USD and refresh hourly.',
  );
  await expect(tile('About this dashboard').locator('.tile-text strong').textContent()).resolves.toBe('USD');
  await expect(page.locator('.tile-denied').count()).resolves.toBe(0);
  await saveScreenshot(page, 'dashboard-viewer-analyst.png');
});

test('a filter value picked from the suggestions re-queries the tiles with it', async () => {
  const pie = async () => (await charts()).find((chart) => chart.visType === 'looker_pie');
  const before = await pie();
  const revenueBefore = await tile('Total Revenue (All Time)').locator('.tile-value strong').textContent();
  const department = page.getByRole('combobox', { name: 'Department' });
  await department.fill('');
  await department.focus();
  const suggestions = page.getByRole('listbox', { name: 'Suggestions for Department' });
  await suggestions.getByRole('option', { name: 'Women', exact: true }).waitFor();
  await expect(suggestions.getByRole('option').allTextContents()).resolves.toEqual(['Men', 'Women']);
  await suggestions.getByRole('option', { name: 'Women', exact: true }).click();
  await page.locator('#status').getByText('Department = Women').waitFor();
  await expect(department.inputValue()).resolves.toBe('Women');

  // Revenue by Department now has one slice (Women) instead of two; the revenue total shrank.
  expect(before?.points).toBe(2);
  // The status changes after the tiles are drawn (charts draw in a microtask before it is read).
  expect((await pie())?.points).toBe(1);
  const revenueAfter = await tile('Total Revenue (All Time)').locator('.tile-value strong').textContent();
  expect(revenueAfter).toMatch(/^\$[\d,]+\.\d\d$/);
  expect(revenueAfter).not.toBe(revenueBefore);
  await saveScreenshot(page, 'dashboard-viewer-filtered.png');
});

test('the picker shows Category Analysis: bar, pivoted column and line charts, tables with totals and percentages', async () => {
  await pickDashboard('11', 'Category Analysis');
  expect(new URL(page.url()).searchParams.get('dashboard')).toBe('11');
  const drawn = await charts();
  const byVis = new Map(drawn.map((chart) => [chart.visType, chart]));
  expect(byVis.get('looker_bar')).toMatchObject({ type: 'bar' });
  expect(byVis.get('looker_line')).toMatchObject({ type: 'line' });
  // Status Mix per Category pivots on status: one dataset per status.
  expect(byVis.get('looker_column')?.datasets).toBeGreaterThan(1);
  for (const chart of drawn) expect(chart.points).toBeGreaterThan(0);
  const totals = tile('Items by Status (Totals)').locator('.tile-totals td');
  await expect(totals.first().textContent()).resolves.toBe('Totals');
  await expect(totals.last().textContent()).resolves.toMatch(/^\$[\d,]+\.\d\d$/);
  await expect(tile('Return Rate by Month').locator('td.measure').first().textContent()).resolves.toMatch(/^\d+\.\d%$/);
  await expect(tile('Reading this dashboard').locator('.tile-text li').count()).resolves.toBe(1);
  await saveScreenshot(page, 'dashboard-viewer-category-analysis.png');
});

test("a tile downloads as CSV through the page's own origin, with the rows the tile shows", async () => {
  const statusTile = tile('Items by Status (Totals)');
  const shown = await statusTile
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent)));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    statusTile.getByRole('button', { name: 'CSV' }).click(),
  ]);
  await page
    .locator('#status')
    .getByText(/^Downloaded /)
    .waitFor();
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  // A header naming the columns, then one line per row the tile shows: its status and count (Looker's
  // CSV has raw numbers, the tile Looker's rendered ones).
  expect(lines[0]).toMatch(/Status.*Count/);
  expect(lines).toHaveLength(shown.length + 1);
  const fromCsv = lines.slice(1).map((line) =>
    line
      .split(',')
      .slice(0, 2)
      .map((cell) => cell.replace(/"/g, '')),
  );
  expect(fromCsv).toEqual(shown.map((row) => [row[0], row[1]?.replace(/,/g, '')]));
  const origin = new URL(viewer.url).origin;
  expect(recording.requests.some((url) => url.startsWith(`${origin}/exports/`))).toBe(true);
});

test('a tile downloads as XLSX: a workbook whose sheet holds the same rows', async () => {
  const statusTile = tile('Items by Status (Totals)');
  const shown = await statusTile.locator('tbody tr td:first-child').allTextContents();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    statusTile.getByRole('button', { name: 'XLSX' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0];
  const firstColumn: string[] = [];
  sheet?.eachRow((row) => firstColumn.push(String(row.getCell(1).value)));
  // A header row, then the tile's rows in its order.
  expect(firstColumn.slice(1)).toEqual(shown);
});

test('"Open in Looker" opens the signed embed URL for an admin and says what an analyst lacks', async () => {
  await page.getByRole('button', { name: 'Open in Looker' }).click();
  await page
    .locator('#status')
    .getByText(/^Cannot open in Looker: Not allowed .*looker:embed/)
    .waitFor();

  await showAs('demo-admin');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Open in Looker' }).click(),
  ]);
  const opened = new URL(popup.url());
  await popup.close();
  // Looker's SSO embed URL: /login/embed/<the dashboard's embed path>, signed.
  expect(opened.pathname).toMatch(/^\/login\/embed\//);
  expect(decodeURIComponent(opened.pathname)).toContain('/embed/dashboards/11');
  expect(opened.searchParams.get('signature')).toBeTruthy();
  await showAs('demo-analyst');
});

test('a viewer sees the same tiles without data, each saying it is not allowed', async () => {
  await pickDashboard('1', 'Executive Overview');
  await showAs('demo-viewer');
  await page.locator('.tile-denied').first().waitFor();
  await expect(page.locator('.tile').count()).resolves.toBe(7);
  // Six data tiles are refused; the text tile has no data to refuse and still shows its text.
  const denied = page.locator('.tile-denied');
  await expect(denied.count()).resolves.toBe(6);
  for (const text of await denied.allTextContents()) expect(text).toMatch(/^Not allowed: .*looker:data:read/);
  await expect(tile('About this dashboard').locator('.tile-text').textContent()).resolves.toContain('USD');
  await expect(page.locator('canvas').count()).resolves.toBe(0);
  await expect(page.locator('.tile-value, .tile-table').count()).resolves.toBe(0);
  await saveScreenshot(page, 'dashboard-viewer-viewer.png');
});

test('the page asked nothing of any host but its own origin', () => {
  const origin = new URL(viewer.url).origin;
  expect(recording.requests).toEqual(
    expect.arrayContaining([`${origin}/assets/app.js`, `${origin}/graphql`, `${origin}/demo-token`]),
  );
  expect(foreignRequests(recording, origin)).toEqual([]);
  expect(recording.errors).toEqual([]);
});
