import { z } from 'zod';
import { maxDescriptionLength, maxVisConfigLength } from '../input/write-bounds';
import { contentIdArgument } from './content-tools';
import { cleanText, quoted } from './looker-text';
import { queryArguments, queryInput, type QueryArguments } from './query-tools';
import { defineTool } from './tool-definition';
import {
  changeSelection,
  changeShape,
  dryRunArgument,
  folderShape,
  folderText,
  idempotencyKeyArgument,
  payloadOf,
  titleArgument,
  writeGuidance,
  writeText,
  type WriteChangeData,
} from './write-answer';

/** How the write mutations name their arguments (`input.folderId`), in the write tools' words. */
export const writeArgumentNames: Readonly<Record<string, string>> = {
  'input.title': 'title',
  'input.name': 'name',
  'input.description': 'description',
  'input.folderId': 'folder_id',
  'input.dashboardId': 'dashboard_id',
  'input.lookId': 'look_id',
  'input.query': 'query',
  'input.query.view': 'query.explore',
  'input.visConfig': 'vis_config',
  'input.bodyText': 'body_text',
  'input.layout': 'layout',
  'input.listensTo': 'listens_to',
  'input.defaultValue': 'default_value',
  'input.crontab': 'crontab',
  'input.timezone': 'timezone',
  'input.idempotencyKey': 'idempotency_key',
  idempotencyKey: 'idempotency_key',
};

/** A description of new or changed content. */
export const descriptionArgument = z
  .string()
  .max(maxDescriptionLength)
  .optional()
  .describe(`At most ${maxDescriptionLength} characters.`);

/** Looker's `vis_config`, bounded by its size as JSON as the mutation bounds it. */
export const visConfigArgument = z
  .record(z.string(), z.unknown())
  .refine(
    (value) => JSON.stringify(value).length <= maxVisConfigLength,
    `must be at most ${maxVisConfigLength} characters as JSON`,
  )
  .optional()
  .describe(`Looker's vis_config, e.g. {"type": "looker_column"} (at most ${maxVisConfigLength} characters as JSON).`);

/** The query a look or a tile saves: run_query's arguments. */
export const savedQueryArgument = queryArguments.describe(
  'The query to save, as run_query takes it (model, explore, fields, filters, sorts, limit, …); its fields are checked against the explore. Try it with run_query first.',
);

/** The GraphQL `QueryInput` of a saved query: as run_query's, but with no row limit unless one is given. */
export function savedQuery(query: QueryArguments) {
  return { ...queryInput(query), limit: query.limit };
}

interface LookData {
  id: string;
  title: string;
  deleted: boolean;
  folder: { id: string; name: string } | null;
}
interface LookPayload {
  look: LookData | null;
  change: WriteChangeData;
}

const lookSelection = `look { id title deleted folder { id name } } ${changeSelection}`;
const lookOutput = z.object({
  look: z
    .object({ id: z.string(), title: z.string(), deleted: z.boolean(), folder: folderShape })
    .nullable()
    .describe('The look as Looker now has it; null after a dry-run create.'),
  change: changeShape,
});

/** `look 12 "Title" in folder "Sandbox" (7)`. */
function lookText(look: LookData): string {
  return `look ${cleanText(look.id)} ${quoted(look.title)} in ${folderText(look.folder)}`;
}

const lookFollowUp = (look: LookData) =>
  `Read it with get_look or run_look (id ${cleanText(look.id)}); add it to a dashboard with add_dashboard_tile (look_id).`;

/** `create_look(title, folder_id, query, …)`: saves a query as a look (create_query, then create_look). */
export const createLookTool = defineTool<{
  title: string;
  description?: string;
  folder_id: string;
  query: QueryArguments;
  vis_config?: Record<string, unknown>;
  dry_run: boolean;
  idempotency_key?: string;
}>({
  name: 'create_look',
  title: 'Create a look',
  description:
    'Saves a query as a new look (a saved query with a title) in a folder. Answers the new look id. ' +
    `${writeGuidance} Pass idempotency_key so a retry does not create a second look.`,
  input: z.object({
    title: titleArgument("look's title"),
    description: descriptionArgument,
    folder_id: contentIdArgument('folder').describe(
      'The folder to save it in (its Looker id, e.g. "7"): one the policy lets you write in.',
    ),
    query: savedQueryArgument,
    vis_config: visConfigArgument,
    dry_run: dryRunArgument,
    idempotency_key: idempotencyKeyArgument,
  }),
  output: lookOutput,
  document: `mutation McpCreateLook($input: CreateLookInput!) { createLook(input: $input) { ${lookSelection} } }`,
  variables: (args) => ({
    input: {
      title: args.title,
      description: args.description,
      folderId: args.folder_id,
      query: savedQuery(args.query),
      visConfig: args.vis_config,
      dryRun: args.dry_run,
      idempotencyKey: args.idempotency_key,
    },
  }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  answer: (data, args) => {
    const payload = payloadOf<LookPayload>(data, 'createLook');
    const look = payload.look;
    return {
      structured: { look, change: payload.change },
      text: writeText('create_look', payload.change, {
        done: look ? `Created ${lookText(look)}` : 'Created the look',
        wouldDo: `create look ${quoted(args.title)} in ${folderText(null, args.folder_id)}`,
        next: look ? lookFollowUp(look) : undefined,
      }),
    };
  },
});

/** `update_look(id, …)`: changes a look's title, description, folder or query. */
export const updateLookTool = defineTool<{
  id: string;
  title?: string;
  description?: string;
  folder_id?: string;
  query?: QueryArguments;
  vis_config?: Record<string, unknown>;
  dry_run: boolean;
}>({
  name: 'update_look',
  title: 'Change a look',
  description:
    "Changes a look's title, description, folder (a move: the policy must allow both folders) or query (replaced by a new one); what is not given stays. It overwrites: the answer lists old and new values. " +
    writeGuidance,
  input: z.object({
    id: contentIdArgument('look'),
    title: titleArgument("look's new title").optional(),
    description: descriptionArgument,
    folder_id: contentIdArgument('folder').optional().describe('Moves the look to this folder (its Looker id).'),
    query: savedQueryArgument.optional(),
    vis_config: visConfigArgument,
    dry_run: dryRunArgument,
  }),
  output: lookOutput,
  document: `mutation McpUpdateLook($id: ID!, $input: UpdateLookInput!, $dryRun: Boolean) { updateLook(id: $id, input: $input, dryRun: $dryRun) { ${lookSelection} } }`,
  variables: (args) => ({
    id: args.id,
    input: {
      title: args.title,
      description: args.description,
      folderId: args.folder_id,
      query: args.query ? savedQuery(args.query) : undefined,
      visConfig: args.vis_config,
    },
    dryRun: args.dry_run,
  }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  answer: (data, args) => {
    const payload = payloadOf<LookPayload>(data, 'updateLook');
    const look = payload.look;
    return {
      structured: { look, change: payload.change },
      text: writeText('update_look', payload.change, {
        done: look ? `Updated ${lookText(look)}` : `Updated look ${cleanText(args.id)}`,
        wouldDo: `change ${look ? lookText(look) : `look ${cleanText(args.id)}`}`,
      }),
    };
  },
});

/** `delete_look(id)`: Looker's soft delete (the look goes to the trash). */
export const deleteLookTool = defineTool<{ id: string; dry_run: boolean }>({
  name: 'delete_look',
  title: 'Delete a look',
  description:
    "Moves a look to Looker's trash (a soft delete: an admin can restore it in Looker). Tiles showing it stop working. " +
    writeGuidance,
  input: z.object({ id: contentIdArgument('look'), dry_run: dryRunArgument }),
  output: lookOutput,
  document: `mutation McpDeleteLook($id: ID!, $dryRun: Boolean) { deleteLook(id: $id, dryRun: $dryRun) { ${lookSelection} } }`,
  variables: (args) => ({ id: args.id, dryRun: args.dry_run }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  answer: (data, args) => {
    const payload = payloadOf<LookPayload>(data, 'deleteLook');
    const look = payload.look;
    const which = look ? lookText(look) : `look ${cleanText(args.id)}`;
    return {
      structured: { look, change: payload.change },
      text: writeText('delete_look', payload.change, {
        done: `Moved ${which} to Looker's trash`,
        wouldDo: `move ${which} to Looker's trash`,
      }),
    };
  },
});

interface DashboardData {
  id: string;
  title: string;
  deleted: boolean;
  tileCount: number;
  folder: { id: string; name: string } | null;
}
interface DashboardPayload {
  dashboard: DashboardData | null;
  change: WriteChangeData;
}

const dashboardSelection = `dashboard { id title deleted tileCount folder { id name } } ${changeSelection}`;
const dashboardOutput = z.object({
  dashboard: z
    .object({
      id: z.string(),
      title: z.string(),
      deleted: z.boolean(),
      tileCount: z.number().int(),
      folder: folderShape,
    })
    .nullable()
    .describe('The dashboard as Looker now has it; null after a dry-run create.'),
  change: changeShape,
});

/** `dashboard 9 "Title" in folder "Sandbox" (7)`. */
export function dashboardText(dashboard: { id: string; title: string; folder?: DashboardData['folder'] }): string {
  return `dashboard ${cleanText(dashboard.id)} ${quoted(dashboard.title)}${dashboard.folder ? ` in ${folderText(dashboard.folder)}` : ''}`;
}

/** `create_dashboard(title, folder_id, …)`: an empty dashboard in a folder. */
export const createDashboardTool = defineTool<{
  title: string;
  description?: string;
  folder_id: string;
  dry_run: boolean;
  idempotency_key?: string;
}>({
  name: 'create_dashboard',
  title: 'Create a dashboard',
  description:
    'Creates an empty dashboard in a folder (Looker wants its title unique within the folder); then add tiles with add_dashboard_tile and filters with add_dashboard_filter. Answers the new dashboard id. ' +
    `${writeGuidance} Pass idempotency_key so a retry does not create a second dashboard.`,
  input: z.object({
    title: titleArgument("dashboard's title"),
    description: descriptionArgument,
    folder_id: contentIdArgument('folder').describe(
      'The folder to create it in (its Looker id, e.g. "7"): one the policy lets you write in.',
    ),
    dry_run: dryRunArgument,
    idempotency_key: idempotencyKeyArgument,
  }),
  output: dashboardOutput,
  document: `mutation McpCreateDashboard($input: CreateDashboardInput!) { createDashboard(input: $input) { ${dashboardSelection} } }`,
  variables: (args) => ({
    input: {
      title: args.title,
      description: args.description,
      folderId: args.folder_id,
      dryRun: args.dry_run,
      idempotencyKey: args.idempotency_key,
    },
  }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  answer: (data, args) => {
    const payload = payloadOf<DashboardPayload>(data, 'createDashboard');
    const dashboard = payload.dashboard;
    return {
      structured: { dashboard, change: payload.change },
      text: writeText('create_dashboard', payload.change, {
        done: dashboard ? `Created ${dashboardText(dashboard)}` : 'Created the dashboard',
        wouldDo: `create dashboard ${quoted(args.title)} in ${folderText(null, args.folder_id)}`,
        next: dashboard
          ? `Add tiles with add_dashboard_tile and filters with add_dashboard_filter (dashboard_id ${cleanText(dashboard.id)}).`
          : undefined,
      }),
    };
  },
});

/** `update_dashboard(id, …)`: title, description or folder. */
export const updateDashboardTool = defineTool<{
  id: string;
  title?: string;
  description?: string;
  folder_id?: string;
  dry_run: boolean;
}>({
  name: 'update_dashboard',
  title: 'Change a dashboard',
  description:
    "Changes a dashboard's title, description or folder (a move: the policy must allow both folders); what is not given stays. It overwrites: the answer lists old and new values. " +
    writeGuidance,
  input: z.object({
    id: contentIdArgument('dashboard'),
    title: titleArgument("dashboard's new title").optional(),
    description: descriptionArgument,
    folder_id: contentIdArgument('folder').optional().describe('Moves the dashboard to this folder (its Looker id).'),
    dry_run: dryRunArgument,
  }),
  output: dashboardOutput,
  document: `mutation McpUpdateDashboard($id: ID!, $input: UpdateDashboardInput!, $dryRun: Boolean) { updateDashboard(id: $id, input: $input, dryRun: $dryRun) { ${dashboardSelection} } }`,
  variables: (args) => ({
    id: args.id,
    input: { title: args.title, description: args.description, folderId: args.folder_id },
    dryRun: args.dry_run,
  }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  answer: (data, args) => {
    const payload = payloadOf<DashboardPayload>(data, 'updateDashboard');
    const dashboard = payload.dashboard;
    const which = dashboard ? dashboardText(dashboard) : `dashboard ${cleanText(args.id)}`;
    return {
      structured: { dashboard, change: payload.change },
      text: writeText('update_dashboard', payload.change, { done: `Updated ${which}`, wouldDo: `change ${which}` }),
    };
  },
});

/** `delete_dashboard(id)`: Looker's soft delete. */
export const deleteDashboardTool = defineTool<{ id: string; dry_run: boolean }>({
  name: 'delete_dashboard',
  title: 'Delete a dashboard',
  description:
    "Moves a dashboard to Looker's trash (a soft delete: an admin can restore it in Looker). " + writeGuidance,
  input: z.object({ id: contentIdArgument('dashboard'), dry_run: dryRunArgument }),
  output: dashboardOutput,
  document: `mutation McpDeleteDashboard($id: ID!, $dryRun: Boolean) { deleteDashboard(id: $id, dryRun: $dryRun) { ${dashboardSelection} } }`,
  variables: (args) => ({ id: args.id, dryRun: args.dry_run }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  answer: (data, args) => {
    const payload = payloadOf<DashboardPayload>(data, 'deleteDashboard');
    const dashboard = payload.dashboard;
    const which = dashboard ? dashboardText(dashboard) : `dashboard ${cleanText(args.id)}`;
    return {
      structured: { dashboard, change: payload.change },
      text: writeText('delete_dashboard', payload.change, {
        done: `Moved ${which} to Looker's trash`,
        wouldDo: `move ${which} to Looker's trash`,
      }),
    };
  },
});
