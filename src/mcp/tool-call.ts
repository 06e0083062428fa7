import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { GraphQLFormattedError } from 'graphql';
import type { z } from 'zod';
import type { Principal } from '../auth/principal';
import { refusedMcpEvent } from './mcp-audit';
import type { McpBackend, McpCaller } from './mcp-backend';
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

/** Scopes of the first way to satisfy a requirement that the caller lacks. */
function missingScopes(required: unknown, principal: Principal): string[] {
  const alternatives = Array.isArray(required) ? (required as unknown[]).filter(Array.isArray) : [];
  const missing = alternatives.map((all) => (all as unknown[]).map(String).filter((s) => !principal.scopes.has(s)));
  missing.sort((a, b) => a.length - b.length);
  return missing[0] ?? [];
}

/** A GraphQL message in the tool's words: `"input.limit"` becomes `"limit"`. */
function inToolTerms(message: string, tool: ToolDefinition): string {
  let text = message;
  for (const [graphql, own] of Object.entries(tool.argumentNames ?? {})) text = text.split(`"${graphql}"`).join(`"${own}"`);
  return text;
}

/** Why the operation's answer cannot be served, in words an agent can act on. */
function operationError(errors: readonly GraphQLFormattedError[], tool: ToolDefinition, principal: Principal): string {
  const forbidden = errors.find((e) => e.extensions?.code === 'FORBIDDEN');
  if (forbidden) {
    const missing = missingScopes(forbidden.extensions?.requiredScopes, principal);
    if (missing.length > 0) {
      return `Not allowed: ${tool.name} needs the scope ${missing.join(' and ')}, which your token does not grant. Ask for a token with ${missing.join(' ')}; no data was returned.`;
    }
    return `Not allowed: ${forbidden.message}`;
  }
  const badInput = errors.filter((e) => e.extensions?.code === 'BAD_USER_INPUT' || e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
  if (badInput.length > 0) {
    return `Invalid input to ${tool.name}: ${badInput.map((e) => inToolTerms(e.message, tool)).join(' ')} Fix the arguments and call again.`;
  }
  const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'ERROR')))];
  return `${tool.name} failed (${codes.join(', ')}): ${errors
    .slice(0, 3)
    .map((e) => e.message)
    .join(' ')}`;
}

/**
 * Runs one tool call: checks its arguments against the tool's schema, runs the tool's fixed
 * operation as the caller, and answers structured content with a short text, or a tool error
 * (`isError`) saying what to fix. A field the caller may not read fails the whole call: a partial
 * answer would hide from the agent that data is missing.
 */
export async function callTool(backend: McpBackend, caller: McpCaller, name: string, rawArguments: unknown): Promise<CallToolResult> {
  const started = performance.now();
  const refuse = (reason: string, text: string, tool?: string): CallToolResult => {
    backend.audit(refusedMcpEvent({ requestId: caller.requestId, principal: caller.principal, tool, outcome: 'refused', reason, status: 200, durationMs: performance.now() - started }));
    return toolError(text);
  };
  const tool = tools.find((t) => t.name === name);
  if (!tool) return refuse('unknown_tool', `There is no tool "${name.slice(0, 100)}". Tools: ${tools.map((t) => t.name).join(', ')}.`);
  const parsed = tool.input.safeParse(rawArguments ?? {});
  if (!parsed.success) {
    return refuse('invalid_arguments', `Invalid arguments to ${tool.name}:\n${argumentProblems(parsed.error)}\nFix them and call again.`, tool.name);
  }
  const outcome = await backend.run(caller, tool.name, tool.document, tool.variables(parsed.data));
  if (outcome.errors && outcome.errors.length > 0) return toolError(operationError(outcome.errors, tool, caller.principal));
  try {
    const answer = tool.answer(outcome.data ?? {}, parsed.data);
    return { content: [{ type: 'text', text: capText(answer.text) }], structuredContent: answer.structured };
  } catch (error) {
    if (error instanceof ToolInputProblem) return toolError(error.message);
    throw error;
  }
}
