import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../../support/browser';
import { packagedChromium } from '../../support/packaged-chromium';

// The default browser of the suites is the Chromium inside the `@sparticuz/chromium` npm package,
// so `npm ci && npm test` needs no browser installed on the machine.
describe('the npm-shipped Chromium', () => {
  let browser: Browser | undefined;
  afterAll(async () => browser?.close());

  it('is what the browser suites launch unless CHROMIUM_PATH names another', () => {
    if (CHROMIUM_PATH === undefined)
      expect(packagedChromium().executablePath).toContain('node_modules/.cache/packaged-chromium-');
    else expect(CHROMIUM_PATH).not.toBe('');
  });

  it('starts headless and renders text with the fonts that come with it', async () => {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.setContent('<p id="t" style="font-family: sans-serif; display: inline">Revenue by month</p>');
    expect(await page.textContent('#t')).toBe('Revenue by month');
    // Without a font the text would still be in the DOM but draw nothing; its box has width only
    // when glyphs were found.
    const width = (await page.locator('#t').boundingBox())?.width ?? 0;
    expect(width).toBeGreaterThan(50);
    expect(browser.version()).toMatch(/^\d+\./);
  });
});
