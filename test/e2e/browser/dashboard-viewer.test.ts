import type { Browser, Page } from 'playwright-core';
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
  viewer = await startDashboardViewer({ port: 0, subgraphUrl: stack.graphqlUrl, demoTokenUrl: `${stack.issuerUrl}/token` });
  page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  page.setDefaultTimeout(20_000);
  recording = recordPage(page);
  await page.goto(`${viewer.url}/?dashboard=1`);
});

afterAll(async () => {
  await browser?.close();
  await viewer?.stop();
  await stack?.stop();
});

/** Picks a demo identity; the page then shows dashboard 1 with that identity's token. */
async function showAs(clientId: string): Promise<void> {
  await page.locator('#identity').selectOption(clientId);
  await page.locator('#status').getByText(/tiles/).waitFor();
}

/** Per canvas on the page: how many points Chart.js holds in its first dataset. */
function chartPointCounts(): Promise<number[]> {
  return page.evaluate(`[...document.querySelectorAll('canvas')].map((canvas) => {
    const chart = globalThis.Chart && globalThis.Chart.getChart(canvas);
    return chart ? chart.data.datasets[0].data.filter((v) => typeof v === 'number').length : -1;
  })`);
}

test('an analyst sees the Executive Overview tiles drawn as charts with data', async () => {
  await showAs('demo-analyst');
  await page.locator('#dashboard-title').getByText('Executive Overview').waitFor();
  const titles = await page.locator('.tile-title').allTextContents();
  expect(titles).toEqual(expect.arrayContaining(['Total Revenue (All Time)', 'Orders per Month', 'Revenue Trend', 'Revenue by Department', 'About this dashboard']));
  const counts = await chartPointCounts();
  // Orders per Month, Revenue Trend (twice) and Revenue by Department are one-dimension series.
  expect(counts.length).toBeGreaterThanOrEqual(4);
  for (const count of counts) expect(count).toBeGreaterThan(0);
  // Single-value tiles show a number.
  await expect(page.locator('.tile-value strong').first().textContent()).resolves.toMatch(/^[\d,.]+$/);
  await expect(page.locator('.tile-denied').count()).resolves.toBe(0);
  await saveScreenshot(page, 'dashboard-viewer-analyst.png');
});

test('a viewer sees the same tiles without data, each saying it is not allowed', async () => {
  await showAs('demo-viewer');
  await page.locator('.tile-denied').first().waitFor();
  const tiles = page.locator('.tile');
  await expect(tiles.count()).resolves.toBe(7);
  // Six data tiles are refused; the text tile has no data to refuse.
  const denied = page.locator('.tile-denied');
  await expect(denied.count()).resolves.toBe(6);
  for (const text of await denied.allTextContents()) expect(text).toMatch(/^Not allowed: .*looker:data:read/);
  await expect(page.locator('.tile', { hasText: 'Orders per Month' }).locator('.tile-denied').count()).resolves.toBe(1);
  await expect(page.locator('canvas').count()).resolves.toBe(0);
  await expect(page.locator('.tile-value, .tile-table').count()).resolves.toBe(0);
  await saveScreenshot(page, 'dashboard-viewer-viewer.png');
});

test('the page asked nothing of any host but its own origin', () => {
  const origin = new URL(viewer.url).origin;
  expect(recording.requests).toEqual(expect.arrayContaining([`${origin}/assets/app.js`, `${origin}/graphql`, `${origin}/demo-token`]));
  expect(foreignRequests(recording, origin)).toEqual([]);
  expect(recording.errors).toEqual([]);
});
