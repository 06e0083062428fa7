import { loadConfig } from '../../../src/config';
import { startDemo, type DemoStack } from '../../../demo/start-demo';
import { captureAudit, captureLogger } from '../../support/log-capture';

let stack: DemoStack;

beforeAll(async () => {
  // `LOOKER_IDENTITY=user npm start`: each demo identity reads Looker as its own emulator user.
  stack = await startDemo(
    loadConfig({ PORT: '0', LOOKER_EMULATOR_PORT: '0', LOOKER_IDENTITY: 'user' }),
    captureLogger().logger,
    { auditSink: captureAudit().sink },
  );
});

afterAll(() => stack?.stop());

async function lookIdsAs(clientId: string): Promise<string[]> {
  const tokenResponse = await fetch(`${stack.issuerUrl}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:demo-secret`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(stack.graphqlUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ looks(first: 200) { nodes { id } } }' }),
  });
  const body = (await response.json()) as { data: { looks: { nodes: { id: string }[] } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data.looks.nodes.map((n) => n.id);
}

test('each demo identity sees its own Looker content', async () => {
  const [viewer, analyst] = await Promise.all([lookIdsAs('demo-viewer'), lookIdsAs('demo-analyst')]);
  expect(viewer.length).toBeGreaterThan(0);
  expect(analyst.length).toBeGreaterThan(viewer.length);
  expect(viewer.every((id) => analyst.includes(id))).toBe(true);
});
