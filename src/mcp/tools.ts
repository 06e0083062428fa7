import { getDashboard, getLook, runLook, searchContent } from './content-tools';
import { describeExplore, listModels, suggestValues } from './model-tools';
import { runQuery } from './query-tools';
import type { ToolDefinition } from './tool-definition';

/** Every tool of the MCP server, in the order clients list them. Names and argument names are a contract. */
export const tools: readonly ToolDefinition[] = [
  searchContent,
  getLook,
  runLook,
  getDashboard,
  listModels,
  describeExplore,
  suggestValues,
  runQuery,
];
