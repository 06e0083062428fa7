import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { loadConfig } from '../../../src/config';
import { startDemo, type DemoStack } from '../../../demo/start-demo';
import { captureAudit, captureLogger } from '../../support/log-capture';
import { connectMcp } from '../../support/mcp-client';
import { assertNoSecrets } from '../../support/subgraph-stack';

let stack: DemoStack;
const audit = captureAudit();
const responses: string[] = [];

beforeAll(async () => {
  stack = await startDemo(loadConfig({ PORT: '0', LOOKER_EMULATOR_PORT: '0' }), captureLogger().logger, {
    auditSink: audit.sink,
  });
});

afterAll(() => stack?.stop());

test('the embedded default serves /mcp to a demo issuer token, and its metadata names the demo issuer', async () => {
  const tokenAnswer = await fetch(`${stack.issuerUrl}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('demo-analyst:demo-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const token = ((await tokenAnswer.json()) as { access_token: string }).access_token;
  const client = await connectMcp(stack.url, token, responses);
  const ran = (await client.callTool({
    name: 'run_query',
    arguments: { model: 'ecommerce', explore: 'order_items', fields: ['order_items.count'] },
  })) as CallToolResult;
  await client.close();
  expect(ran.isError).toBeFalsy();
  const metadata = (await (await fetch(`${stack.url}/.well-known/oauth-protected-resource`)).json()) as {
    authorization_servers: string[];
  };
  expect(metadata.authorization_servers).toEqual([stack.issuerUrl]);
  expect(
    audit
      .events()
      .filter((e) => e.channel === 'mcp')
      .map((e) => e.tool),
  ).toEqual(['run_query']);
  assertNoSecrets([...responses, ...audit.lines], [token, 'looker-admin-secret']);
});
