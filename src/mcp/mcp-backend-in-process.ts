import type { ApolloServer } from '@apollo/server';
import type { Logger as PinoLogger } from 'pino';
import { tagAuditOrigin } from '../audit/audit-channel';
import type { Context } from '../context';
import type { McpBackend, McpCaller } from './mcp-backend';

/**
 * The backend of the MCP server inside the subgraph: each tool's operation is executed by the
 * subgraph's own Apollo Server (validation rules, the auth gate, the cost estimate, the audit
 * plugin, `@auth` field by field) with a context built for the caller exactly as `/graphql` builds
 * one (Looker session, admission gate, shared cache, budget), tagged so its audit event says
 * `channel: "mcp"` and the tool.
 */
export function inProcessMcpBackend(options: {
  apollo: ApolloServer<Context>;
  contextFor: (caller: McpCaller) => Context;
  verify: McpBackend['verify'];
  auditSink: PinoLogger;
}): McpBackend {
  return {
    async run(caller, tool, document, variables) {
      const contextValue = tagAuditOrigin(options.contextFor(caller), { channel: 'mcp', tool });
      const response = await options.apollo.executeOperation({ query: document, variables }, { contextValue });
      const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
      return { data: body.data ?? null, errors: body.errors };
    },
    verify: options.verify,
    audit: (event) => options.auditSink.info(event),
  };
}
