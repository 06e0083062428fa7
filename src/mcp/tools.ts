import { getDashboard, getLook, runLook, searchContent } from './content-tools';
import { describeExplore, listModels, suggestValues } from './model-tools';
import { getQueryTask, querySql, queryUrl, runQuery, startQuery } from './query-tools';
import type { ToolDefinition } from './tool-definition';
import { writeTools } from './write-tools';

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
  querySql,
  queryUrl,
  startQuery,
  getQueryTask,
  ...writeTools,
];
