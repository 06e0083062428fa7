import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { packagedChromium } from './packaged-chromium';

/**
 * A system Chromium to use instead of the one inside `@sparticuz/chromium` (e.g. Debian's
 * `/usr/bin/chromium`); unset by default. Tests never download a browser.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH === '' ? undefined : process.env.CHROMIUM_PATH;

/**
 * Flags for Chromium as root on a machine with no network beyond loopback: no sandbox (root), and
 * none of Chromium's own background connections, which would only be refused here.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where tests leave screenshots (git-ignored). */
export const ARTIFACTS_DIR = join(__dirname, '..', 'artifacts');

/**
 * Starts headless Chromium: the npm-shipped one, or `CHROMIUM_PATH` when set. Throws, so the test
 * fails rather than skips, when the chosen Chromium is missing.
 */
export async function launchChromium(): Promise<Browser> {
  // playwright gives every launch a new, empty user-data-dir of its own.
  if (CHROMIUM_PATH !== undefined) {
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH names no file: ${CHROMIUM_PATH}`);
    return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  }
  const packaged = packagedChromium();
  return chromium.launch({
    executablePath: packaged.executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    env: { ...process.env, ...packaged.env },
  });
}

/** What a page did on the network and said on its console, recorded from the moment it was opened. */
export interface PageRecording {
  /** Every request URL, in order (the document, scripts, styles, fetches, favicon…). */
  readonly requests: string[];
  /** Console errors and uncaught exceptions, CSP violations among them. */
  readonly errors: string[];
}

/** Records every request and error of a page. */
export function recordPage(page: Page): PageRecording {
  const recording: PageRecording = { requests: [], errors: [] };
  page.on('request', (request) => recording.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') recording.errors.push(message.text());
  });
  page.on('pageerror', (error) => recording.errors.push(`${error.name}: ${error.message}`));
  return recording;
}

/** The requests that left the given origin (`data:` URLs are not requests to anyone). */
export function foreignRequests(recording: PageRecording, origin: string): string[] {
  return recording.requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
}

/** Saves a full-page screenshot under `test/artifacts/`. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS_DIR, name);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}
