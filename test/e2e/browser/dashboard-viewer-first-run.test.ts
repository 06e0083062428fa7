import type { Browser } from 'playwright-core';
import { startDashboardViewer, type RunningDashboardViewer } from '../../../examples/dashboard-viewer/server';
import { foreignRequests, launchChromium, recordPage } from '../../support/browser';
import { startWebDemo, type WebDemoStack } from './web-demo-stack';

/** A newcomer opens the example app against the demo and touches nothing: a dashboard with data shows. */

let stack: WebDemoStack;
let viewer: RunningDashboardViewer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startWebDemo();
  viewer = await startDashboardViewer({
    port: 0,
    subgraphUrl: stack.graphqlUrl,
    demoTokenUrl: `${stack.issuerUrl}/token`,
  });
});

afterAll(async () => {
  await browser?.close();
  await viewer?.stop();
  await stack?.stop();
});

test('the first load, with nothing chosen by hand, shows Executive Overview with data as the analyst', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(20_000);
  const recording = recordPage(page);
  await page.goto(viewer.url);
  await page
    .locator('#status')
    .getByText(/\d+ tiles/)
    .waitFor();
  await expect(page.locator('#identity').inputValue()).resolves.toBe('demo-analyst');
  await expect(page.locator('#dashboard-title').textContent()).resolves.toBe('Executive Overview');
  await expect(page.locator('.tile-denied').count()).resolves.toBe(0);
  await expect(
    page
      .locator('.tile', { has: page.locator('.tile-title', { hasText: 'Total Revenue (All Time)' }) })
      .locator('.tile-value strong')
      .textContent(),
  ).resolves.toMatch(/^\$[\d,]+\.\d\d$/);
  expect(foreignRequests(recording, new URL(viewer.url).origin)).toEqual([]);
  expect(recording.errors).toEqual([]);
  await page.close();
});

test('without demo identities (a real identity provider) nothing is chosen and nothing is asked', async () => {
  const plain = await startDashboardViewer({ port: 0, subgraphUrl: stack.graphqlUrl });
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  const recording = recordPage(page);
  try {
    await page.goto(plain.url);
    await page.locator('#token').waitFor();
    await expect(page.locator('#identity-field').isHidden()).resolves.toBe(true);
    await expect(page.locator('#status').textContent()).resolves.toBe('');
    expect(recording.requests.some((url) => url.endsWith('/graphql') || url.endsWith('/demo-token'))).toBe(false);
  } finally {
    await page.close();
    await plain.stop();
  }
});
