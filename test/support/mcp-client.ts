import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** An MCP client connected to a subgraph's `/mcp` with a bearer token, recording every answer it reads. */
export async function connectMcp(baseUrl: string, token: string, responses: string[]): Promise<Client> {
  // A fetch that keeps each answer's headers and body, so the stack's leak check covers MCP traffic too.
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = await response.clone().text();
    responses.push(JSON.stringify([...response.headers]), body);
    return response;
  };
  const client = new Client({ name: 'looker-subgraph-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } }, fetch: recordingFetch }));
  return client;
}

/** The text of a tool's answer. */
export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}
