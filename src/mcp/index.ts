/**
 * The MCP server: tools for AI agents, over Streamable HTTP at `/mcp` or over stdio.
 * Each tool is a fixed GraphQL operation run in process against the subgraph's own schema with the
 * caller's principal.
 */
export type { McpBackend, McpCaller } from './mcp-backend';
export { inProcessMcpBackend } from './mcp-backend-in-process';
export { mcpRouter, type McpRouterOptions } from './mcp-http';
export { createMcpServer } from './mcp-server';
export { mcpPath, resourceMetadataPath, scopesSupported } from './resource-metadata';
export { serveMcpOverStdio } from './mcp-stdio';
export { maxTextLength, maxTextRows } from './text-table';
export { tools } from './tools';
