import {
  createDashboardTool,
  createLookTool,
  deleteDashboardTool,
  deleteLookTool,
  updateDashboardTool,
  updateLookTool,
} from './content-write-tools';
import {
  addDashboardFilterTool,
  addDashboardTileTool,
  removeDashboardFilterTool,
  removeDashboardTileTool,
  updateDashboardTileTool,
} from './dashboard-part-tools';
import { createScheduleTool, runScheduleOnceTool } from './schedule-tools';
import type { ToolDefinition } from './tool-definition';

/**
 * The write tools, each one mutation of the subgraph run as the caller: the same `@auth` scopes,
 * policy `writes:` (folders, schedule destinations, and `writes.mcp`, without which MCP may not
 * write at all), write rate, bounds, `dryRun`, idempotency keys and audit events (`channel: "mcp"`,
 * the tool) as `/graphql`. Annotations: none only reads; creates are not destructive and, as a
 * repeat without an `idempotency_key` creates again, not idempotent; updates (overwrites), deletes
 * and removes are destructive and idempotent (a repeat changes nothing more); schedules send data
 * out of Looker (an open world), and each run sends again.
 */
export const writeTools: readonly ToolDefinition[] = [
  createLookTool,
  updateLookTool,
  deleteLookTool,
  createDashboardTool,
  updateDashboardTool,
  deleteDashboardTool,
  addDashboardTileTool,
  updateDashboardTileTool,
  removeDashboardTileTool,
  addDashboardFilterTool,
  removeDashboardFilterTool,
  createScheduleTool,
  runScheduleOnceTool,
];
