import type { Browser, Page } from 'playwright-core';
import { foreignRequests, launchChromium, recordPage, saveScreenshot, type PageRecording } from '../../support/browser';
import { startWebDemo, type WebDemoStack } from './web-demo-stack';

let stack: WebDemoStack;
let browser: Browser;
let page: Page;
let recording: PageRecording;

beforeAll(async () => {
  // Chromium first: when it is missing the suite fails here, before anything else starts.
  browser = await launchChromium();
  stack = await startWebDemo();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(20_000);
  recording = recordPage(page);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Chooses a demo identity in the page's picker and waits for its token to land in the headers editor. */
async function chooseIdentity(clientId: string, label: string): Promise<void> {
  await page.getByLabel('Demo identity').selectOption(clientId);
  await page.getByText(`token set for ${label}`).waitFor();
  await page.locator('.graphiql-editor-tool').getByText('Bearer ey').waitFor();
}

/** Chooses one example in the Examples plugin, as a person would, then presses ▶. */
async function runOperation(name: string): Promise<void> {
  const examples = page.getByRole('region', { name: 'Examples' });
  if (!(await examples.isVisible())) await page.getByRole('button', { name: 'Show Examples' }).click();
  // The button's name starts with the operation's name, its summary follows.
  await examples.getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  await page.locator('.graphiql-query-editor .CodeMirror').getByText(`query ${name}`).waitFor();
  await page.locator('.graphiql-execute-button').click();
}

const responsePane = () => page.locator('.graphiql-response');

test('GraphiQL loads, an analyst reads looks, a viewer is refused a look result; nothing leaves the origin', async () => {
  await page.goto(`${stack.url}/graphiql`);
  await page.locator('.graphiql-container').waitFor();
  await page.getByText('query Looks').waitFor();
  await page.getByRole('button', { name: 'Headers' }).waitFor();

  await chooseIdentity('demo-analyst', 'Analyst');
  await runOperation('Looks');
  // Look 3 of the emulator's content comes first by title.
  await responsePane().getByText('Active Customers by Country').waitFor();
  await expect(responsePane().textContent()).resolves.not.toContain('FORBIDDEN');

  await chooseIdentity('demo-viewer', 'Viewer');
  await runOperation('LookResult');
  await responsePane().getByText('"FORBIDDEN"').waitFor();
  const response = await responsePane().textContent();
  expect(response).toContain('Total Revenue (All Time)');
  expect(response).toContain('looker:data:read');
  await saveScreenshot(page, 'graphiql.png');

  const origin = new URL(stack.url).origin;
  expect(recording.requests.length).toBeGreaterThanOrEqual(5);
  expect(recording.requests).toEqual(
    expect.arrayContaining([`${origin}/graphiql/assets/graphiql.js`, `${origin}/oidc/token`, `${origin}/graphql`]),
  );
  expect(foreignRequests(recording, origin)).toEqual([]);
  // CSP violations and script errors show up as console errors.
  expect(recording.errors).toEqual([]);
});

test('the explorer plugin opens, lists the root fields, and a click adds a field to the query', async () => {
  // The page is still signed in as the viewer of the test above: introspection carries that token.
  await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
  const explorer = page.locator('.graphiql-explorer-root');
  await explorer.waitFor();
  for (const field of ['looks', 'dashboards', 'folders', 'lookmlModels', 'explore']) {
    await explorer.getByText(field, { exact: true }).first().waitFor();
  }
  // The example document has no lookmlModels; a click in the explorer writes it into the first operation.
  const editor = page.locator('.graphiql-query-editor .CodeMirror');
  await expect(editor.textContent()).resolves.not.toContain('lookmlModels');
  await explorer.getByText('lookmlModels', { exact: true }).first().click();
  await editor.getByText('lookmlModels').waitFor();
  await saveScreenshot(page, 'graphiql-explorer.png');
  expect(foreignRequests(recording, new URL(stack.url).origin)).toEqual([]);
  expect(recording.errors).toEqual([]);
});
