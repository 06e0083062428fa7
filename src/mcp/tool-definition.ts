import type { z } from 'zod';

/** What a tool answers when its operation succeeded: data for a program, and a short text for a model. */
export interface ToolAnswer {
  readonly structured: Record<string, unknown>;
  readonly text: string;
}

/** Thrown by a tool's `answer` when the data says the call cannot be served (nothing found). */
export class ToolInputProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputProblem';
  }
}

/**
 * One MCP tool: its contract (name, arguments, descriptions written for a model) and the fixed
 * GraphQL operation it runs. Arguments only ever become variables of that operation, so a tool
 * can read nothing a GraphQL client with the same token could not.
 */
export interface ToolDefinition<Args extends Record<string, unknown> = Record<string, unknown>> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: z.ZodType<Args>;
  /** The shape of the structured content (the listing's `outputSchema`; MCP clients validate answers against it). */
  readonly output: z.ZodType<Record<string, unknown>>;
  /** The operation, with its name; never built from arguments. */
  readonly document: string;
  readonly variables: (args: Args) => Record<string, unknown>;
  /** GraphQL argument names (`input.limit`) as this tool calls them (`limit`), for error messages. */
  readonly argumentNames?: Readonly<Record<string, string>>;
  /**
   * How the tool's listing qualifies it where it departs from the default (only reads, the same
   * call answers the same, nothing overwritten, nothing sent beyond this Looker): a tool that starts
   * work in Looker is not idempotent; a write that overwrites or deletes is destructive; one whose
   * data leaves Looker (a schedule's delivery) reaches an open world.
   */
  readonly annotations?: {
    readonly readOnlyHint?: boolean;
    readonly idempotentHint?: boolean;
    readonly destructiveHint?: boolean;
    readonly openWorldHint?: boolean;
  };
  /** Turns the operation's data into the tool's answer; throws {@link ToolInputProblem} when there is nothing to serve. */
  readonly answer: (data: Record<string, unknown>, args: Args) => ToolAnswer;
}

/** Declares a tool with its argument type inferred from its schema. */
export function defineTool<Args extends Record<string, unknown>>(tool: ToolDefinition<Args>): ToolDefinition {
  return tool as unknown as ToolDefinition;
}
