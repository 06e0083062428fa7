import type { ApolloServer } from '@apollo/server';
import type { Logger as PinoLogger } from 'pino';
import { tagAuditOrigin } from '../audit/audit-channel';
import type { Context } from '../context/context';
import type { RequestBudget } from '../looker/looker-client';
import type { McpBackend, McpCaller, OperationOutcome } from './mcp-backend';

/**
 * The backend of the MCP server inside the subgraph: each tool's operation is executed by the
 * subgraph's own Apollo Server (validation rules, the authentication plugin, the cost estimate, the audit
 * plugin, `@auth` field by field) with a context built for the caller exactly as `/graphql` builds
 * one (Looker session, admission gate, shared cache, budget), tagged so its audit event says
 * `channel: "mcp"` and the tool. A caller with a shared budget (one HTTP request's) runs each
 * operation with what the request's earlier tool calls left of it, and charges what it spent.
 */
export function inProcessMcpBackend(options: {
  apollo: ApolloServer<Context>;
  /** The caller's context; with `budget`, that one instead of the configured request budget. */
  contextFor: (caller: McpCaller, budget?: RequestBudget) => Context;
  verify: McpBackend['verify'];
  auditSink: PinoLogger;
}): McpBackend {
  const execute = async (
    contextValue: Context,
    document: string,
    variables: Record<string, unknown>,
  ): Promise<OperationOutcome> => {
    const response = await options.apollo.executeOperation({ query: document, variables }, { contextValue });
    const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
    return { data: body.data ?? null, errors: body.errors };
  };
  return {
    async run(caller, tool, document, variables) {
      const contextOf = (budget?: RequestBudget) =>
        tagAuditOrigin(options.contextFor(caller, budget), { channel: 'mcp', tool });
      const shared = caller.budget;
      if (!shared) return execute(contextOf(), document, variables);
      return shared.take(async (remaining, charge) => {
        const contextValue = contextOf(remaining);
        try {
          return await execute(contextValue, document, variables);
        } finally {
          charge({ calls: contextValue.looker.calls, rows: contextValue.looker.rows });
        }
      });
    },
    verify: options.verify,
    audit: (event) => options.auditSink.info(event),
  };
}
