import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { GraphQLFormattedError } from 'graphql';
import type { z } from 'zod';
import { missingScopes as lackingScopes, type ScopeRequirement } from '../../directives';
import type { Principal } from '../auth/principal';
import type { ErrorCode } from '../errors';
import { refusedMcpEvent } from './mcp-audit';
import type { McpBackend, McpCaller } from './mcp-backend';
import { lookerDataNotice, quoted } from './looker-text';
import type { SharedBudget } from './shared-budget';
import { capText } from './text-table';
import { ToolInputProblem, type ToolDefinition } from './tool-definition';
import { tools } from './tools';

/** A tool error: what went wrong and what to do, never data, a stack trace or a credential. */
function toolError(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** Argument problems, one line each, named as the tool names its arguments. */
function argumentProblems(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `- ${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('\n');
}

/** Scopes the caller lacks for the nearest way to satisfy a FORBIDDEN error's `requiredScopes`. */
function missingScopes(required: unknown, principal: Principal): string[] {
  const requirement: ScopeRequirement = Array.isArray(required)
    ? (required as unknown[]).filter(Array.isArray).map((all) => (all as unknown[]).map(String))
    : [];
  return lackingScopes(requirement, principal.scopes);
}

/** Whether an error of the operation's answer carries this code. */
function hasCode(error: GraphQLFormattedError, code: ErrorCode): boolean {
  return error.extensions?.code === code;
}

/** A GraphQL message in the tool's words: `"input.limit"` becomes `"limit"`. */
function inToolTerms(message: string, tool: ToolDefinition): string {
  let text = message;
  for (const [graphql, own] of Object.entries(tool.argumentNames ?? {}))
    text = text.split(`"${graphql}"`).join(`"${own}"`);
  return text;
}

/** The distinct codes of errors, as a tool error names them (the formatter gives every error one). */
function codesOf(errors: readonly GraphQLFormattedError[]): string {
  const masked: ErrorCode = 'INTERNAL_SERVER_ERROR';
  return [...new Set(errors.map((e) => String(e.extensions?.code ?? masked)))].join(', ');
}

/**
 * Why the operation's answer cannot be served, in words an agent can act on. Error messages may
 * carry Looker's words (a database error line, a field's details): they are quoted as data.
 */
function operationError(errors: readonly GraphQLFormattedError[], tool: ToolDefinition, caller: McpCaller): string {
  const forbidden = errors.find((e) => hasCode(e, 'FORBIDDEN'));
  if (forbidden) {
    const missing = missingScopes(forbidden.extensions?.requiredScopes, caller.principal);
    if (missing.length > 0) {
      return `Not allowed: ${tool.name} needs the scope ${missing.join(' and ')}, which your token does not grant. Ask for a token with ${missing.join(' ')}; no data was returned.`;
    }
    // A write refused by the server's policy (`writes.folders`, `writes.scheduleTo`, `writes.mcp`):
    // the same call meets the same rule, so say so rather than invite a retry.
    const policy = forbidden.extensions?.policy;
    const rule =
      typeof policy === 'string'
        ? `\nThis is the server's policy (${policy}): the same call will be refused again. Change it to fit what the rule allows, or ask a person to change the policy; nothing was written.`
        : '';
    return `${lookerDataNotice}\nNot allowed (FORBIDDEN): ${quoted(forbidden.message)}${rule}`;
  }
  if (caller.budget && errors.some((e) => hasCode(e, 'LOOKER_BUDGET_EXCEEDED')))
    return budgetUsedUp(tool, caller.budget);
  const badInput = errors.filter((e) => hasCode(e, 'BAD_USER_INPUT') || hasCode(e, 'GRAPHQL_VALIDATION_FAILED'));
  if (badInput.length > 0) {
    // Fields that share an argument (every tile's `result(filters:)`) repeat its error: say it once.
    const messages = new Set(badInput.map((e) => quoted(inToolTerms(e.message, tool))));
    return `${lookerDataNotice}\nInvalid input to ${tool.name} (${codesOf(badInput)}): ${[...messages].join(' ')} Fix the arguments and call again.`;
  }
  return `${lookerDataNotice}\n${tool.name} failed (${codesOf(errors)}): ${errors
    .slice(0, 3)
    .map((e) => quoted(e.message))
    .join(' ')}`;
}

/** A call cut by the Looker budget its request's tool calls share. */
function budgetUsedUp(tool: ToolDefinition, budget: SharedBudget): string {
  const { maxCalls, maxRows } = budget.limits;
  return (
    `${tool.name} failed (LOOKER_BUDGET_EXCEEDED): the tool calls of one request share one budget of ${maxCalls} Looker calls and ${maxRows} result rows, ` +
    `and it ran out before this call was done. Send the calls that remain in a new request, or ask for less in one call.`
  );
}

/**
 * Runs one tool call: checks its arguments against the tool's schema, runs the tool's fixed
 * operation as the caller, and answers structured content with a short text, or a tool error
 * (`isError`) saying what to fix. A field the caller may not read fails the whole call: a partial
 * answer would hide from the agent that data is missing.
 */
export async function callTool(
  backend: McpBackend,
  caller: McpCaller,
  name: string,
  rawArguments: unknown,
): Promise<CallToolResult> {
  const started = performance.now();
  const refuse = (reason: string, text: string, tool?: string): CallToolResult => {
    backend.audit(
      refusedMcpEvent({
        requestId: caller.requestId,
        principal: caller.principal,
        tool,
        outcome: 'refused',
        reason,
        status: 200,
        durationMs: performance.now() - started,
      }),
    );
    return toolError(text);
  };
  const tool = tools.find((t) => t.name === name);
  if (!tool)
    return refuse(
      'unknown_tool',
      `There is no tool "${name.slice(0, 100)}". Tools: ${tools.map((t) => t.name).join(', ')}.`,
    );
  const parsed = tool.input.safeParse(rawArguments ?? {});
  if (!parsed.success) {
    return refuse(
      'invalid_arguments',
      `Invalid arguments to ${tool.name}:\n${argumentProblems(parsed.error)}\nFix them and call again.`,
      tool.name,
    );
  }
  const outcome = await backend.run(caller, tool.name, tool.document, tool.variables(parsed.data));
  if (outcome.errors && outcome.errors.length > 0) return toolError(operationError(outcome.errors, tool, caller));
  try {
    const answer = tool.answer(outcome.data ?? {}, parsed.data);
    return {
      content: [{ type: 'text', text: capText(`${lookerDataNotice}\n${answer.text}`) }],
      structuredContent: answer.structured,
    };
  } catch (error) {
    if (error instanceof ToolInputProblem) return toolError(error.message);
    throw error;
  }
}
