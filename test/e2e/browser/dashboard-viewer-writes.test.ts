import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_CLIENT_SECRET } from '../../../demo/demo-clients';
import { DEMO_USER_IDS } from '../../../emulator/access/users';
import { startDashboardViewer, type RunningDashboardViewer } from '../../../examples/dashboard-viewer/server';
import { adminSdk, ok } from '../../support/looker-sdk';
import { launchChromium, saveScreenshot } from '../../support/browser';
import { startWebDemo, type WebDemoStack } from './web-demo-stack';

/**
 * The example app's writes in a real browser against the embedded demo: "Save as look" (the demo
 * policy lets `demo-admin` write in Shared/Sandbox, folder 7) and the dashboard's favourite star,
 * which Looker keeps per user and the subgraph allows only with `LOOKER_IDENTITY=user`.
 */
const sandbox = '7';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(() => browser?.close());

/** The demo, the viewer saving in the Sandbox, and a page showing dashboard 1. */
async function open(env: Record<string, string> = {}): Promise<{
  stack: WebDemoStack;
  viewer: RunningDashboardViewer;
  page: Page;
  stop: () => Promise<void>;
}> {
  const stack = await startWebDemo(env);
  const viewer = await startDashboardViewer({
    port: 0,
    subgraphUrl: stack.graphqlUrl,
    demoTokenUrl: `${stack.issuerUrl}/token`,
    saveFolderId: sandbox,
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(20_000);
  await page.goto(`${viewer.url}/?dashboard=1`);
  // The page starts as the analyst: let that first load finish.
  await page
    .locator('#status')
    .getByText(/\d+ tiles/)
    .waitFor();
  return {
    stack,
    viewer,
    page,
    stop: async () => {
      await page.close();
      await viewer.stop();
      await stack.stop();
    },
  };
}

/** Picks a demo identity and waits for the dashboard's tiles drawn with its token. */
async function showAs(page: Page, clientId: string): Promise<void> {
  await page.locator('#identity').selectOption(clientId);
  await page
    .locator('#status')
    .getByText(/\d+ tiles/)
    .waitFor();
}

const tileOf = (page: Page, title: string): Locator =>
  page.locator('.tile', { has: page.locator('.tile-title', { hasText: title }) });

/** A token of a demo client from the demo issuer, for asking the subgraph directly. */
async function tokenOf(stack: WebDemoStack, clientId: string): Promise<string> {
  const answer = await fetch(`${stack.issuerUrl}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${DEMO_CLIENT_SECRET}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}

async function ask<T>(stack: WebDemoStack, token: string, query: string): Promise<T> {
  const answer = await fetch(stack.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await answer.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('with the service account (LOOKER_IDENTITY=service)', () => {
  let running: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    running = await open();
  });

  afterAll(() => running?.stop());

  test('the admin saves a filtered tile as a look in the Sandbox once, and the Sandbox list shows it', async () => {
    const { page, stack } = running;
    await showAs(page, 'demo-admin');
    await page.locator('.folder-looks h3').getByText('Saved looks in Sandbox').waitFor();
    const department = page.getByRole('combobox', { name: 'Department' });
    await department.fill('Women');
    await department.press('Enter');
    await page.locator('#status').getByText('Department = Women').waitFor();

    const revenue = tileOf(page, 'Revenue by Department');
    // A double click: the button is busy after the first, and the save's key makes a repeat a replay.
    await revenue.getByRole('button', { name: 'Save as look' }).dblclick();
    const outcome = revenue.locator('.save-look-outcome');
    await outcome.getByText(/^Saved "/).waitFor();
    const title = 'Revenue by Department (Date: 12 months, Department: Women)';
    expect(await outcome.textContent()).toMatch(
      new RegExp(`^Saved "${title.replace(/[()]/g, '\\$&')}" as look \\d+ in Sandbox\\.$`),
    );
    const lookId = await outcome.getAttribute('data-look-id');
    // The Sandbox list, refetched by the save, names the new look.
    await page.locator(`.folder-looks li[data-look-id="${lookId}"]`).waitFor();
    await saveScreenshot(page, 'dashboard-viewer-saved-look.png');

    const admin = await tokenOf(stack, 'demo-admin');
    const listed = await ask<{ looks: { nodes: { id: string; title: string }[] } }>(
      stack,
      admin,
      `{ looks(folderId: "${sandbox}", first: 200) { nodes { id title } } }`,
    );
    const saved = listed.looks.nodes.filter((look) => look.title === title);
    expect(saved).toEqual([{ id: lookId, title }]);
    const look = await ask<{
      look: {
        folder: { id: string };
        query: { model: string; fields: string[]; filters: { field: string; expression: string }[] };
      };
    }>(stack, admin, `{ look(id: "${lookId}") { folder { id } query { model fields filters { field expression } } } }`);
    expect(look.look.folder.id).toBe(sandbox);
    expect(look.look.query.filters).toEqual(
      expect.arrayContaining([{ field: expect.stringMatching(/\.department$/), expression: 'Women' }]),
    );
  });

  test('the favourite star says why it cannot work with the service account', async () => {
    const { page } = running;
    await page.getByRole('button', { name: 'Favourite' }).click();
    await page
      .locator('#status')
      .getByText(/^Not a favourite: .*FAILED_PRECONDITION/)
      .waitFor();
    await expect(page.getByRole('button', { name: 'Favourite' }).getAttribute('aria-pressed')).resolves.toBe('false');
  });

  test('the analyst, without looker:content:write, is offered neither saving nor the star', async () => {
    const { page } = running;
    await showAs(page, 'demo-analyst');
    await tileOf(page, 'Revenue by Department').locator('.tile-actions').first().waitFor();
    await expect(page.getByRole('button', { name: 'Save as look' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Favourite' }).count()).resolves.toBe(0);
    await expect(page.locator('.folder-looks').count()).resolves.toBe(0);
  });
});

describe('with per-user Looker identity (LOOKER_IDENTITY=user)', () => {
  let running: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    running = await open({ LOOKER_IDENTITY: 'user' });
  });

  afterAll(() => running?.stop());

  test("the star makes the dashboard a favourite of the admin's own Looker user", async () => {
    const { page, stack } = running;
    await showAs(page, 'demo-admin');
    const star = page.getByRole('button', { name: 'Favourite' });
    await star.click();
    await page.locator('#status').getByText('Added to your favourites.').waitFor();
    await expect(star.getAttribute('aria-pressed')).resolves.toBe('true');

    // Looker's own record, asked as its admin: one favorite of dashboard 1, the demo admin's.
    const looker = adminSdk(stack.lookerUrl);
    const favorites = await ok(looker.search_content_favorites({ dashboard_id: '1' }));
    expect(favorites.map((favorite) => String(favorite.user_id))).toEqual([DEMO_USER_IDS.admin]);
  });
});
