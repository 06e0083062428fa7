import { z } from 'zod';
import { maxFilterExpressionLength } from '../input/arguments';
import { maxFieldReferenceLength } from '../input/query-input';
import { maxTileListens, maxVisConfigLength } from '../input/write-bounds';
import { contentIdArgument } from './content-tools';
import {
  dashboardText,
  savedQuery,
  savedQueryArgument,
  visConfigArgument,
  writeArgumentNames,
} from './content-write-tools';
import { cleanText, quoted } from './looker-text';
import type { QueryArguments } from './query-tools';
import { defineTool } from './tool-definition';
import {
  changeSelection,
  changeShape,
  dryRunArgument,
  idempotencyKeyArgument,
  payloadOf,
  titleArgument,
  writeGuidance,
  writeText,
  type WriteChangeData,
} from './write-answer';

interface Layout extends Record<string, unknown> {
  row: number;
  column: number;
  width: number;
  height: number;
}
interface Listen extends Record<string, unknown> {
  filter_name: string;
  field: string;
}

const layoutArgument = z
  .object({
    row: z.number().int().min(0).max(10_000),
    column: z.number().int().min(0).max(23),
    width: z.number().int().min(1).max(24),
    height: z.number().int().min(1).max(100),
  })
  .refine((l) => l.column + l.width <= 24, 'column + width must be at most 24')
  .optional()
  .describe("Where the tile sits on the dashboard's 24-column grid: row ≥ 0, column 0–23, width 1–24, height 1–100.");

const listensArgument = z
  .array(
    z.object({
      filter_name: z.string().min(1).max(255).describe("The dashboard filter's name."),
      field: z.string().min(1).max(maxFieldReferenceLength).describe("The tile's field it filters (`view.field`)."),
    }),
  )
  .max(maxTileListens)
  .optional()
  .describe(
    `Dashboard filters the tile listens to, and the field of the tile's explore each filters (at most ${maxTileListens}).`,
  );

const bodyTextArgument = z
  .string()
  .max(maxVisConfigLength)
  .optional()
  .describe(`A text tile's Markdown body (at most ${maxVisConfigLength} characters).`);

const tileId = contentIdArgument('tile').describe(
  "The tile's id: Looker's dashboard element id (get_dashboard's tiles, `elementId`; add_dashboard_tile answers it).",
);

/** GraphQL's `TileLayoutInput` and `TileFilterListenInput`. */
function tileParts(args: { layout?: Layout; listens_to?: Listen[] }) {
  return {
    layout: args.layout,
    listensTo: args.listens_to?.map((l) => ({ filterName: l.filter_name, field: l.field })),
  };
}

interface TilePayload {
  tile: { elementId: string; title: string | null; type: string } | null;
  dashboard: { id: string; title: string; tileCount: number } | null;
  change: WriteChangeData;
}

const tileSelection = `tile { elementId title type } dashboard { id title tileCount } ${changeSelection}`;
const tileOutput = z.object({
  tile: z
    .object({ elementId: z.string(), title: z.string().nullable(), type: z.string() })
    .nullable()
    .describe('The tile; null once removed, or after a dry-run add.'),
  dashboard: z.object({ id: z.string(), title: z.string(), tileCount: z.number().int() }).nullable(),
  change: changeShape,
});

function tileText(tile: TilePayload['tile'], id?: string): string {
  if (!tile) return `tile ${cleanText(id ?? '?')}`;
  return `tile ${cleanText(tile.elementId)}${tile.title ? ` ${quoted(tile.title)}` : ''}`;
}

/** `1 tile`, `3 tiles`. */
function tilesText(count: number): string {
  return `${count} tile${count === 1 ? '' : 's'}`;
}

function onDashboard(payload: TilePayload | FilterPayload): string {
  return payload.dashboard ? ` on ${dashboardText(payload.dashboard)}` : '';
}

/** `add_dashboard_tile(dashboard_id, …)`: a query tile, a look tile or a text tile. */
export const addDashboardTileTool = defineTool<{
  dashboard_id: string;
  title?: string;
  query?: QueryArguments;
  look_id?: string;
  body_text?: string;
  vis_config?: Record<string, unknown>;
  layout?: Layout;
  listens_to?: Listen[];
  dry_run: boolean;
  idempotency_key?: string;
}>({
  name: 'add_dashboard_tile',
  title: 'Add a dashboard tile',
  description:
    'Adds a tile to a dashboard: give exactly one of query (a query tile), look_id (a tile showing a look) or body_text (a Markdown text tile). ' +
    'Answers the new tile id (its element id). The dashboard must be in a folder the policy lets you write in. ' +
    `${writeGuidance} Pass idempotency_key so a retry does not add a second tile.`,
  input: z
    .object({
      dashboard_id: contentIdArgument('dashboard'),
      title: titleArgument("tile's title").optional(),
      query: savedQueryArgument.optional(),
      look_id: contentIdArgument('look').optional().describe('A look tile: the look it shows.'),
      body_text: bodyTextArgument,
      vis_config: visConfigArgument,
      layout: layoutArgument,
      listens_to: listensArgument,
      dry_run: dryRunArgument,
      idempotency_key: idempotencyKeyArgument,
    })
    .refine(
      (a) => [a.query, a.look_id, a.body_text].filter((v) => v !== undefined).length === 1,
      'give exactly one of query, look_id and body_text',
    ),
  output: tileOutput,
  document: `mutation McpAddDashboardTile($input: AddDashboardTileInput!) { addDashboardTile(input: $input) { ${tileSelection} } }`,
  variables: (args) => ({
    input: {
      dashboardId: args.dashboard_id,
      title: args.title,
      query: args.query ? savedQuery(args.query) : undefined,
      lookId: args.look_id,
      bodyText: args.body_text,
      visConfig: args.vis_config,
      ...tileParts(args),
      dryRun: args.dry_run,
      idempotencyKey: args.idempotency_key,
    },
  }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  answer: (data, args) => {
    const payload = payloadOf<TilePayload>(data, 'addDashboardTile');
    const kind = args.query
      ? 'a query tile'
      : args.look_id
        ? `a tile of look ${cleanText(args.look_id)}`
        : 'a text tile';
    return {
      structured: { ...payload },
      text: writeText('add_dashboard_tile', payload.change, {
        done: `Added ${tileText(payload.tile)}${onDashboard(payload)}${payload.dashboard ? ` (now ${tilesText(payload.dashboard.tileCount)})` : ''}`,
        wouldDo: `add ${kind}${args.title ? ` ${quoted(args.title)}` : ''}${onDashboard(payload) || ` on dashboard ${cleanText(args.dashboard_id)}`}`,
      }),
    };
  },
});

/** `update_dashboard_tile(id, …)`: title, query, text, visualization, layout, listened filters. */
export const updateDashboardTileTool = defineTool<{
  id: string;
  title?: string;
  query?: QueryArguments;
  body_text?: string;
  vis_config?: Record<string, unknown>;
  layout?: Layout;
  listens_to?: Listen[];
  dry_run: boolean;
}>({
  name: 'update_dashboard_tile',
  title: 'Change a dashboard tile',
  description:
    "Changes a tile's title, query (replaced by a new one), text, vis_config, layout or the filters it listens to (listens_to replaces them); what is not given stays. It overwrites: the answer lists old and new values. " +
    writeGuidance,
  input: z.object({
    id: tileId,
    title: titleArgument("tile's new title").optional(),
    query: savedQueryArgument.optional(),
    body_text: bodyTextArgument,
    vis_config: visConfigArgument,
    layout: layoutArgument,
    listens_to: listensArgument,
    dry_run: dryRunArgument,
  }),
  output: tileOutput,
  document: `mutation McpUpdateDashboardTile($id: ID!, $input: UpdateDashboardTileInput!, $dryRun: Boolean) { updateDashboardTile(id: $id, input: $input, dryRun: $dryRun) { ${tileSelection} } }`,
  variables: (args) => ({
    id: args.id,
    input: {
      title: args.title,
      query: args.query ? savedQuery(args.query) : undefined,
      bodyText: args.body_text,
      visConfig: args.vis_config,
      ...tileParts(args),
    },
    dryRun: args.dry_run,
  }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  answer: (data, args) => {
    const payload = payloadOf<TilePayload>(data, 'updateDashboardTile');
    const which = `${tileText(payload.tile, args.id)}${onDashboard(payload)}`;
    return {
      structured: { ...payload },
      text: writeText('update_dashboard_tile', payload.change, {
        done: `Updated ${which}`,
        wouldDo: `change ${which}`,
      }),
    };
  },
});

/** `remove_dashboard_tile(id)`: Looker deletes the element. */
export const removeDashboardTileTool = defineTool<{ id: string; dry_run: boolean }>({
  name: 'remove_dashboard_tile',
  title: 'Remove a dashboard tile',
  description:
    'Removes a tile from its dashboard. Looker deletes the element: this cannot be undone (a look it showed stays). ' +
    writeGuidance,
  input: z.object({ id: tileId, dry_run: dryRunArgument }),
  output: tileOutput,
  document: `mutation McpRemoveDashboardTile($id: ID!, $dryRun: Boolean) { removeDashboardTile(id: $id, dryRun: $dryRun) { ${tileSelection} } }`,
  variables: (args) => ({ id: args.id, dryRun: args.dry_run }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  answer: (data, args) => {
    const payload = payloadOf<TilePayload>(data, 'removeDashboardTile');
    const which = `${tileText(payload.tile, args.id)}${onDashboard(payload)}`;
    return {
      structured: { ...payload },
      text: writeText('remove_dashboard_tile', payload.change, {
        done: `Removed tile ${cleanText(args.id)}${onDashboard(payload)}${payload.dashboard ? ` (${tilesText(payload.dashboard.tileCount)} left)` : ''}`,
        wouldDo: `remove ${which}`,
      }),
    };
  },
});

interface FilterPayload {
  filter: { id: string; name: string; title: string | null; defaultValue: string | null } | null;
  dashboard: { id: string; title: string } | null;
  change: WriteChangeData;
}

const filterSelection = `filter { id name title defaultValue } dashboard { id title } ${changeSelection}`;
const filterOutput = z.object({
  filter: z
    .object({ id: z.string(), name: z.string(), title: z.string().nullable(), defaultValue: z.string().nullable() })
    .nullable()
    .describe('The filter; null once removed, or after a dry-run add.'),
  dashboard: z.object({ id: z.string(), title: z.string() }).nullable(),
  change: changeShape,
});

/** `add_dashboard_filter(dashboard_id, name, title, …)`: a filter, on a LookML field or none. */
export const addDashboardFilterTool = defineTool<{
  dashboard_id: string;
  name: string;
  title: string;
  default_value?: string;
  model?: string;
  explore?: string;
  field?: string;
  dry_run: boolean;
  idempotency_key?: string;
}>({
  name: 'add_dashboard_filter',
  title: 'Add a dashboard filter',
  description:
    'Adds a filter to a dashboard: on a LookML field (give model, explore and field, e.g. "orders.status") with an optional default value as a Looker filter expression. ' +
    "Tiles listen to it by its name (add_dashboard_tile's or update_dashboard_tile's listens_to). " +
    `${writeGuidance} Pass idempotency_key so a retry is safe.`,
  input: z.object({
    dashboard_id: contentIdArgument('dashboard'),
    name: titleArgument("filter's name, unique within the dashboard"),
    title: titleArgument("filter's title, as the dashboard shows it"),
    default_value: z
      .string()
      .max(maxFilterExpressionLength)
      .optional()
      .describe('A Looker filter expression applied when the viewer sets none, e.g. "complete" or "30 days".'),
    model: z.string().min(1).max(200).optional().describe("The field's model (list_models)."),
    explore: z.string().min(1).max(200).optional().describe("The field's explore."),
    field: z.string().min(1).max(maxFieldReferenceLength).optional().describe('The field, e.g. "orders.status".'),
    dry_run: dryRunArgument,
    idempotency_key: idempotencyKeyArgument,
  }),
  output: filterOutput,
  document: `mutation McpAddDashboardFilter($input: AddDashboardFilterInput!) { addDashboardFilter(input: $input) { ${filterSelection} } }`,
  variables: (args) => ({
    input: {
      dashboardId: args.dashboard_id,
      name: args.name,
      title: args.title,
      defaultValue: args.default_value,
      model: args.model,
      explore: args.explore,
      field: args.field,
      dryRun: args.dry_run,
      idempotencyKey: args.idempotency_key,
    },
  }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  answer: (data, args) => {
    const payload = payloadOf<FilterPayload>(data, 'addDashboardFilter');
    const where = onDashboard(payload) || ` on dashboard ${cleanText(args.dashboard_id)}`;
    return {
      structured: { ...payload },
      text: writeText('add_dashboard_filter', payload.change, {
        done: `Added filter ${quoted(args.name)}${payload.filter ? ` (id ${cleanText(payload.filter.id)})` : ''}${where}`,
        wouldDo: `add filter ${quoted(args.name)}${where}`,
      }),
    };
  },
});

/** `remove_dashboard_filter(id)`. */
export const removeDashboardFilterTool = defineTool<{ id: string; dry_run: boolean }>({
  name: 'remove_dashboard_filter',
  title: 'Remove a dashboard filter',
  description: 'Removes a filter from its dashboard; tiles stop listening to it. ' + writeGuidance,
  input: z.object({
    id: contentIdArgument('filter').describe("The dashboard filter's id (get_dashboard's filters)."),
    dry_run: dryRunArgument,
  }),
  output: filterOutput,
  document: `mutation McpRemoveDashboardFilter($id: ID!, $dryRun: Boolean) { removeDashboardFilter(id: $id, dryRun: $dryRun) { ${filterSelection} } }`,
  variables: (args) => ({ id: args.id, dryRun: args.dry_run }),
  argumentNames: writeArgumentNames,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  answer: (data, args) => {
    const payload = payloadOf<FilterPayload>(data, 'removeDashboardFilter');
    const which = `filter ${payload.filter ? quoted(payload.filter.name) : cleanText(args.id)}${onDashboard(payload)}`;
    return {
      structured: { ...payload },
      text: writeText('remove_dashboard_filter', payload.change, {
        done: `Removed ${which}`,
        wouldDo: `remove ${which}`,
      }),
    };
  },
});
