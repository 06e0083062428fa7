import { loadConfig } from '../../../src/config';
import { demoBanner, startDemo, type DemoStack } from '../../../demo/start-demo';
import { captureAudit, captureLogger } from '../../support/log-capture';

let stack: DemoStack;

beforeAll(async () => {
  // No Looker or OIDC settings: the embedded default, on free ports.
  const config = loadConfig({ PORT: '0', LOOKER_EMULATOR_PORT: '0' });
  stack = await startDemo(config, captureLogger().logger, { auditSink: captureAudit().sink });
});

afterAll(() => stack?.stop());

/** What the banner's curl line does: client_credentials with HTTP Basic auth. */
async function demoToken(clientId: string): Promise<string> {
  const response = await fetch(`${stack.issuerUrl}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:demo-secret`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

test('the banner shows the URLs and a working curl line', () => {
  const banner = demoBanner(stack);
  expect(banner).toContain(stack.graphqlUrl);
  expect(banner).toContain(
    `TOKEN=$(curl -s -u demo-analyst:demo-secret -d grant_type=client_credentials ${stack.issuerUrl}/token`,
  );
});

test('a demo token reads real looks, dashboard tiles with rows, and explore fields', async () => {
  const token = await demoToken('demo-analyst');
  const response = await fetch(stack.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `{
        looks(first: 3) { nodes { id title } }
        dashboards(first: 1) { nodes { title tiles { title result(limit: 3) { rowCount rows } } } }
        explore(model: "ecommerce", name: "order_items") { dimensions { name } measures { name } }
      }`,
    }),
  });
  const body = (await response.json()) as {
    data: Record<string, { nodes?: unknown[]; dimensions?: unknown[] }>;
    errors?: unknown;
  };
  expect(body.errors).toBeUndefined();
  expect(body.data.looks?.nodes).toHaveLength(3);
  const [dashboard] = body.data.dashboards?.nodes as { tiles: { result: { rowCount: number } | null }[] }[];
  expect(dashboard?.tiles.some((t) => (t.result?.rowCount ?? 0) > 0)).toBe(true);
  expect(body.data.explore?.dimensions?.length).toBeGreaterThan(5);
});

test('health endpoints answer', async () => {
  expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${stack.url}/readyz`)).status).toBe(200);
});

test('demo-admin gets signed embed URLs for the demo dashboards and looks; demo-analyst is refused', async () => {
  const ask = async (clientId: string) => {
    const response = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${await demoToken(clientId)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ dashboard(id: "1") { embedUrl } look(id: "1") { embedUrl } }' }),
    });
    return (await response.json()) as {
      data: Record<string, { embedUrl: string | null } | null>;
      errors?: { extensions?: Record<string, unknown> }[];
    };
  };
  const admin = await ask('demo-admin');
  expect(admin.errors).toBeUndefined();
  for (const url of [admin.data.dashboard?.embedUrl, admin.data.look?.embedUrl]) {
    const verified = await fetch(`${stack.lookerUrl}/__emulator/embed/verify?url=${encodeURIComponent(url ?? '')}`);
    expect(await verified.json()).toEqual(expect.objectContaining({ valid: true, external_user_id: 'demo-admin' }));
  }
  const analyst = await ask('demo-analyst');
  expect(analyst.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
});
