import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { projectRoot } from '../../../src/config/project-root';
import {
  assertNoSecrets,
  startSubgraphStack,
  testAudience,
  testLookerSecret,
  type SubgraphStack,
} from '../../support/subgraph-stack';

let stack: SubgraphStack;

beforeAll(async () => {
  stack = await startSubgraphStack();
});

afterAll(() => stack?.stop());

test('npm run mcp serves the same tools over stdio, as the token in MCP_ACCESS_TOKEN', async () => {
  const token = await stack.token('demo-viewer');
  const stderr: string[] = [];
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'scripts/mcp.ts'],
    cwd: projectRoot(),
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOOKERSDK_BASE_URL: stack.emulator.url,
      LOOKERSDK_CLIENT_ID: 'looker-admin',
      LOOKERSDK_CLIENT_SECRET: testLookerSecret,
      OIDC_ISSUER: stack.issuer.issuer.issuer,
      OIDC_AUDIENCE: testAudience,
      MCP_ACCESS_TOKEN: token,
    },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const client = new Client({ name: 'looker-subgraph-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(25);
    const models = (await client.callTool({ name: 'list_models', arguments: {} })) as CallToolResult;
    expect(models.isError).toBeFalsy();
    const ran = (await client.callTool({
      name: 'run_query',
      arguments: { model: 'ecommerce', explore: 'order_items', fields: ['orders.status'] },
    })) as CallToolResult;
    expect(ran.isError).toBe(true);
    expect(JSON.stringify(ran.content)).toContain('looker:data:read');
  } finally {
    await client.close();
  }
  // The audit trail goes to standard error in stdio mode (standard output is the protocol).
  const audit = stderr
    .join('')
    .split('\n')
    .filter((l) => l.includes('"log":"audit"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(audit.map((e) => [e.channel, e.tool, e.subject])).toEqual([
    ['mcp', 'list_models', 'demo-viewer'],
    ['mcp', 'run_query', 'demo-viewer'],
  ]);
  assertNoSecrets(stderr, [token, testLookerSecret]);
});
