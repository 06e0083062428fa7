import { request as httpRequest } from 'node:http';
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
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
      fetch: recordingFetch,
    }),
  );
  return client;
}

/** The text of a tool's answer. */
export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/** An HTTP answer as a test reads it. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * One HTTP request with headers of the test's choosing, `Host` included (fetch always sends the
 * URL's own), recording the answer in `responses` for the stack's leak check.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
  responses: string[],
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        responses.push(JSON.stringify(response.headers), body);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** POSTs JSON-RPC messages (one, or a batch) to `/mcp` as an MCP client would, with extra headers. */
export function postMcp(
  baseUrl: string,
  messages: unknown,
  headers: Record<string, string>,
  responses: string[],
): Promise<RawAnswer> {
  return rawRequest(
    `${baseUrl}/mcp`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(messages),
    },
    responses,
  );
}

/** A `tools/call` JSON-RPC request. */
export function toolCallMessage(id: number, name: string, args: Record<string, unknown> = {}) {
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}
