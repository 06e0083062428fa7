import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb } from '../../../scripts/build-web';
import { loadConfig } from '../../../src/config';
import { graphiqlRouter } from '../../../src/graphiql';
import { buildServer, type SubgraphServer } from '../../../src/server';
import { captureAudit, captureLogger } from '../../support/log-capture';
import { absoluteUrlHosts, cssReferences, htmlReferences, isSameOriginReference } from './offline-assets';
import { startWebDemo, type WebDemoStack } from './web-demo-stack';

/**
 * Hosts that appear in the GraphiQL bundle as plain strings, none of them fetched: XML namespaces
 * (www.w3.org), text of error messages (react.dev, yarnpkg.com), GraphQL's built-in scalar and
 * directive descriptions (wikipedia, commonmark), and links a person may click (github, codemirror;
 * www.onegraph.com is the explorer plugin's attribution link, which the page turns off).
 * A new host here means a dependency changed: check it loads nothing before adding it.
 */
const INERT_SCRIPT_HOSTS = new Set([
  'www.w3.org',
  'react.dev',
  'yarnpkg.com',
  'en.wikipedia.org',
  'commonmark.org',
  'github.com',
  'codemirror.net',
  'www.onegraph.com',
]);

let demo: WebDemoStack;
let configured: SubgraphServer;
let configuredUrl: string;

beforeAll(async () => {
  await buildWeb();
  demo = await startWebDemo();
  // A configured (non-demo) subgraph: nothing is called upstream by these tests.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOOKERSDK_BASE_URL: 'http://127.0.0.1:9',
    LOOKERSDK_CLIENT_ID: 'id',
    LOOKERSDK_CLIENT_SECRET: 'secret',
    OIDC_ISSUER: 'http://127.0.0.1:9/issuer',
    OIDC_AUDIENCE: 'looker-subgraph',
    OIDC_JWKS_URI: 'http://127.0.0.1:9/jwks',
  });
  configured = buildServer(config, {
    logger: captureLogger('warn').logger,
    auditSink: captureAudit().sink,
    mount: (app) => app.use(graphiqlRouter()),
  });
  configuredUrl = await configured.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await demo?.stop();
  await configured?.stop();
});

const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

test('the page and every asset it references come from its own origin', async () => {
  const page = await fetch(`${demo.url}/graphiql`, { headers: { accept: browserAccept } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(absoluteUrlHosts(html)).toEqual(new Set());
  const references = htmlReferences(html).filter((ref) => !ref.startsWith('data:'));
  expect(references).toEqual(['/graphiql/assets/graphiql.css', '/graphiql/assets/graphiql.js']);

  for (const reference of references) {
    expect(isSameOriginReference(reference)).toBe(true);
    const asset = await fetch(new URL(reference, page.url));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await asset.text();
    if (reference.endsWith('.css')) {
      expect(asset.headers.get('content-type')).toMatch(/^text\/css/);
      const nonData = cssReferences(text).filter((ref) => !ref.startsWith('data:'));
      expect(nonData.filter((ref) => !isSameOriginReference(ref))).toEqual([]);
      expect(absoluteUrlHosts(text)).toEqual(new Set());
    } else {
      expect(asset.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
      const unexpected = [...absoluteUrlHosts(text)].filter((host) => !INERT_SCRIPT_HOSTS.has(host));
      expect(unexpected).toEqual([]);
    }
  }
});

test('the page carries a CSP that allows only its own origin (and its own style nonce), and nosniff', async () => {
  const directivesOf = async () => {
    const page = await fetch(`${demo.url}/graphiql`);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const csp = page.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));
    return { directives, html: await page.text() };
  };
  const first = await directivesOf();
  const second = await directivesOf();
  expect(first.directives.get('default-src')).toEqual(["'none'"]);
  expect(first.directives.get('script-src')).toEqual(["'self'"]);
  expect(first.directives.get('connect-src')).toEqual(["'self'"]);
  const [self, nonce] = first.directives.get('style-src') ?? [];
  expect(self).toBe("'self'");
  expect(nonce).toMatch(/^'nonce-[A-Za-z0-9+/=]{20,}'$/);
  // The nonce is per response, and it is the one the page hands to its scripts.
  expect(second.directives.get('style-src')?.[1]).not.toBe(nonce);
  expect(first.html).toContain(`"styleNonce":"${nonce?.slice(7, -1)}"`);
  for (const [name, values] of first.directives) {
    expect([name, values.filter((v) => /^(https?:|\*|'unsafe-)/.test(v))]).toEqual([name, []]);
  }
});

test('a browser opening /graphql gets GraphiQL; API clients still reach Apollo there', async () => {
  const browser = await fetch(`${demo.graphqlUrl}`, { headers: { accept: browserAccept } });
  expect(browser.status).toBe(200);
  expect(browser.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await browser.text()).toContain('id="graphiql"');

  const apiGet = await fetch(`${demo.graphqlUrl}?query=${encodeURIComponent('{ _service { sdl } }')}`, {
    headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
  });
  expect(apiGet.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  const post = await fetch(demo.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: '*/*' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  expect(post.status).toBe(200);
  expect(((await post.json()) as { data: { _service: { sdl: string } } }).data._service.sdl).toContain('type Look');
});

test('the demo page offers the demo identities; a configured subgraph offers none and carries no secret', async () => {
  const demoPage = await (await fetch(`${demo.url}/graphiql`)).text();
  expect(demoPage).toContain('"tokenUrl":"/oidc/token"');
  for (const clientId of ['demo-viewer', 'demo-analyst', 'demo-admin'])
    expect(demoPage).toContain(`"clientId":"${clientId}"`);
  // The page starts as the analyst, whose token reads data.
  expect(demoPage).toContain('"initialClientId":"demo-analyst"');

  const page = await fetch(`${configuredUrl}/graphiql`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toMatch(/\{"graphqlPath":"\/graphql","styleNonce":"[^"]+"\}/);
  expect(html).not.toMatch(/secret|demo-|tokenUrl/);
});

test('without built assets the page says how to build them', async () => {
  const express = (await import('express')).default;
  const app = express().use(graphiqlRouter({ assetsDir: mkdtempSync(join(tmpdir(), 'graphiql-missing-')) }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const address = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${address.port}/graphiql`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:web');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the router refuses a token endpoint or GraphQL path on another origin', () => {
  const identities = [{ clientId: 'demo-viewer', clientSecret: 's', label: 'Viewer', description: 'd' }];
  expect(() => graphiqlRouter({ demoIdentities: identities, issuerTokenUrl: 'https://idp.example.com/token' })).toThrow(
    TypeError,
  );
  expect(() => graphiqlRouter({ demoIdentities: identities })).toThrow(TypeError);
  expect(() =>
    graphiqlRouter({ demoIdentities: identities, issuerTokenUrl: '/oidc/token', initialDemoIdentity: 'demo-admin' }),
  ).toThrow(TypeError);
  expect(() => graphiqlRouter({ graphqlPath: '//evil.example/graphql' })).toThrow(TypeError);
});
