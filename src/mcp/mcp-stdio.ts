import { randomUUID } from 'node:crypto';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { isTokenRejected } from '../auth/token-errors';
import type { McpBackend, McpCaller } from './mcp-backend';
import { createMcpServer } from './mcp-server';
import { refusedMcpEvent } from './mcp-audit';

/**
 * Serves the tools over standard input and output for a local agent, as the holder of `token`.
 * The token is verified before the first message (a refused one ends the start with its reason)
 * and again for every call, through the verifier's cache, so an expired token stops working as it
 * would over HTTP. Resolves when the client closes the stream.
 */
export async function serveMcpOverStdio(backend: McpBackend, token: string): Promise<void> {
  const authorization = `Bearer ${token}`;
  await backend.verify(authorization);
  const callerOf = async (): Promise<McpCaller> => {
    const requestId = randomUUID();
    try {
      const { principal, lookerUser } = await backend.verify(authorization);
      return { principal, lookerUser, requestId };
    } catch (error) {
      if (!isTokenRejected(error)) throw error;
      backend.audit(
        refusedMcpEvent({
          requestId,
          principal: null,
          tool: undefined,
          outcome: 'unauthenticated',
          reason: error.reason,
          status: 401,
          durationMs: 0,
        }),
      );
      throw new McpError(
        ErrorCode.InvalidRequest,
        `The access token was refused (${error.reason}): start again with a fresh token.`,
      );
    }
  };
  const server = createMcpServer(backend, callerOf);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  // The transport watches for data only: the client closing its end of the pipe ends the server.
  process.stdin.once('end', () => void server.close());
  await server.connect(transport);
  await closed;
}
