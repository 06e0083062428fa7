import type { Browser } from 'playwright-core';
import { foreignRequests, launchChromium, recordPage, saveScreenshot } from '../../support/browser';
import { startWebDemo, type WebDemoStack } from './web-demo-stack';

/**
 * A newcomer's first visit to the demo's GraphiQL: they touch nothing but the run button, and the
 * answer is data, because the page starts signed in as the demo analyst.
 */

let stack: WebDemoStack;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startWebDemo();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('the page opens as the analyst: the first press of ▶ returns looks at once (no menu), not UNAUTHENTICATED', async () => {
  // A fresh context: nothing remembered from an earlier visit.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const recording = recordPage(page);
  try {
    await page.goto(`${stack.url}/graphiql`);
    await page.getByText('query Looks').waitFor();
    await expect(page.getByLabel('Demo identity').inputValue()).resolves.toBe('demo-analyst');
    await page.getByText('token set for Analyst').waitFor();

    // One operation in the editor: ▶ runs it at once. With several, GraphiQL would open a menu of them.
    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    const looks = response.getByText('Active Customers by Country');
    await looks.or(page.getByRole('menu')).first().waitFor();
    await expect(page.getByRole('menu').count()).resolves.toBe(0);
    await looks.waitFor();
    // The other examples are one click away, in the sidebar.
    await page.getByRole('button', { name: 'Show Examples' }).waitFor();
    await saveScreenshot(page, 'graphiql-first-run.png');
    const text = await response.textContent();
    expect(text).not.toContain('UNAUTHENTICATED');
    expect(text).not.toContain('"errors"');
    expect(foreignRequests(recording, new URL(stack.url).origin)).toEqual([]);
    expect(recording.errors).toEqual([]);
  } finally {
    await context.close();
  }
});
