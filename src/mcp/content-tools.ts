import { z } from 'zod';
import { maxRowLimit } from '../graphql/input/arguments';
import { cleanText, quoted } from './looker-text';
import { defineTool, ToolInputProblem } from './tool-definition';
import { resultSelection, resultText, type ResultData } from './query-result-answer';

/** Rows a result tool reads when the caller names no `limit`: enough to answer, small enough to read. */
export const defaultToolRows = 100;
/** Rows each dashboard tile shows through `get_dashboard`. */
export const dashboardTileRows = 50;
/** Looks and dashboards one search returns, of each type. */
const searchPageSize = 25;

const id = (what: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .describe(
      `The ${what}'s Looker id, as search_content returns it (e.g. "12"; LookML dashboards look like "model::name").`,
    );
const limit = z
  .number()
  .int()
  .min(1)
  .max(maxRowLimit)
  .optional()
  .describe(
    `Most rows to return, 1–${maxRowLimit}; default ${defaultToolRows}. The text rendering shows the first 50 rows; the structured content has all of them.`,
  );

interface ContentItem {
  id: string;
  title: string;
  description: string | null;
  folder: { id: string; name: string } | null;
  updatedAt: string | null;
}

function contentLine(kind: string, item: ContentItem): string {
  return `- ${kind} ${cleanText(item.id)}: ${quoted(item.title)}${item.folder ? ` (folder ${quoted(item.folder.name)})` : ''}`;
}

const itemSelection = 'id title description folder { id name } updatedAt';

/** A filter as text: the field's name, and its expression as quoted data. */
function filterText(filter: { field: string; expression: string }): string {
  return `${cleanText(filter.field)} = ${quoted(filter.expression)}`;
}

/** `search_content(query, type?, folderId?)`: looks and dashboards whose title contains the query. */
export const searchContent = defineTool<{ query: string; type?: 'look' | 'dashboard'; folderId?: string }>({
  name: 'search_content',
  title: 'Search looks and dashboards',
  description:
    'Finds saved Looker content (looks: saved queries; dashboards: sets of tiles) whose title contains the query text, case-insensitively. ' +
    `Returns up to ${searchPageSize} of each type with id, title, description and folder. Use the ids with get_look, run_look or get_dashboard.`,
  input: z.object({
    query: z
      .string()
      .max(200)
      .describe('Text the title contains, e.g. "revenue" (at most 200 characters; empty matches everything).'),
    type: z.enum(['look', 'dashboard']).optional().describe('Only this type of content; both when omitted.'),
    folderId: z.string().min(1).max(100).optional().describe('Only content in this folder (its Looker id).'),
  }),
  document: `query McpSearchContent($search: String!, $folderId: ID, $looks: Boolean!, $dashboards: Boolean!) {
  looks(search: $search, folderId: $folderId, first: ${searchPageSize}) @include(if: $looks) { nodes { ${itemSelection} } }
  dashboards(search: $search, folderId: $folderId, first: ${searchPageSize}) @include(if: $dashboards) { nodes { ${itemSelection} } }
}`,
  variables: (args) => ({
    search: args.query,
    folderId: args.folderId,
    looks: args.type !== 'dashboard',
    dashboards: args.type !== 'look',
  }),
  argumentNames: { search: 'query' },
  answer: (data) => {
    const looks = ((data.looks as { nodes: ContentItem[] } | undefined)?.nodes ?? []).map((l) => ({
      ...l,
      type: 'look',
    }));
    const dashboards = ((data.dashboards as { nodes: ContentItem[] } | undefined)?.nodes ?? []).map((d) => ({
      ...d,
      type: 'dashboard',
    }));
    const items = [...looks, ...dashboards];
    const text = items.length === 0 ? 'Nothing found.' : items.map((i) => contentLine(i.type, i)).join('\n');
    return { structured: { items }, text };
  },
});

interface LookData extends ContentItem {
  createdAt: string | null;
  query: {
    model: string;
    view: string;
    fields: string[];
    filters: { field: string; expression: string }[];
    sorts: string[];
    limit: number | null;
    pivots: string[];
  } | null;
}

function lookOf(data: Record<string, unknown>, lookId: string): LookData & { result?: ResultData | null } {
  const look = data.look as (LookData & { result?: ResultData | null }) | null;
  if (!look)
    throw new ToolInputProblem(`No look has id "${lookId}", or you may not see it. Find looks with search_content.`);
  return look;
}

/** `get_look(id)`: a look's metadata and query definition, no data. */
export const getLook = defineTool<{ id: string }>({
  name: 'get_look',
  title: 'Describe a look',
  description:
    'A look (a saved Looker query with a title): its title, description, folder and query definition (model, explore, fields, filters, sorts, limit). No data: run_look returns its rows.',
  input: z.object({ id: id('look') }),
  document: `query McpGetLook($id: ID!) {
  look(id: $id) { ${itemSelection} createdAt query { model view fields filters { field expression } sorts limit pivots } }
}`,
  variables: (args) => ({ id: args.id }),
  answer: (data, args) => {
    const look = lookOf(data, args.id);
    const q = look.query;
    const lines = [
      `Look ${cleanText(look.id)}: ${quoted(look.title)}`,
      ...(look.description ? [`Description: ${quoted(look.description)}`] : []),
      ...(look.folder ? [`Folder: ${quoted(look.folder.name)} (${cleanText(look.folder.id)})`] : []),
      ...(q
        ? [
            `Explore: ${cleanText(`${q.model}::${q.view}`)}`,
            `Fields: ${cleanText(q.fields.join(', '))}`,
            ...(q.filters.length > 0 ? [`Filters: ${q.filters.map(filterText).join('; ')}`] : []),
            ...(q.sorts.length > 0 ? [`Sorts: ${cleanText(q.sorts.join(', '))}`] : []),
          ]
        : []),
    ];
    return { structured: { look }, text: lines.join('\n') };
  },
});

/** `run_look(id, limit?)`: a look's rows. */
export const runLook = defineTool<{ id: string; limit?: number }>({
  name: 'run_look',
  title: 'Run a look',
  description:
    "Runs a look's saved query and returns its rows (each row keyed by field name, `view.field`) with the fields' labels and types. Needs the looker:data:read scope.",
  input: z.object({ id: id('look'), limit }),
  document: `query McpRunLook($id: ID!, $limit: Int) {
  look(id: $id) { id title result(limit: $limit) { ${resultSelection} } }
}`,
  variables: (args) => ({ id: args.id, limit: args.limit ?? defaultToolRows }),
  answer: (data, args) => {
    const look = lookOf(data, args.id);
    if (!look.result) throw new ToolInputProblem(`Look "${args.id}" has no result to show.`);
    return {
      structured: { look: { id: look.id, title: look.title }, result: look.result },
      text: `Look ${cleanText(look.id)}: ${quoted(look.title)}\n${resultText(look.result)}`,
    };
  },
});

interface TileData {
  id: string;
  title: string | null;
  type: string;
  appliedFilters: { field: string; expression: string }[];
  result: ResultData | null;
}

/** `get_dashboard(id, filters?)`: a dashboard's filters and tiles, each with its rows and the filters applied. */
export const getDashboard = defineTool<{ id: string; filters?: Record<string, string> }>({
  name: 'get_dashboard',
  title: 'Read a dashboard',
  description:
    "A dashboard's filters and tiles, each tile with its rows and the dashboard filters applied to it. " +
    `Each tile returns at most ${dashboardTileRows} rows; text tiles have none. Needs the looker:data:read scope (tile data).`,
  input: z.object({
    id: id('dashboard'),
    filters: z
      .record(z.string().max(200), z.string().max(1000))
      .optional()
      .describe(
        'Dashboard filter values by filter name, e.g. {"Status": "complete"} (Looker filter expressions; "" filters nothing). Unset filters keep their default values.',
      ),
  }),
  document: `query McpGetDashboard($id: ID!, $filters: [DashboardFilterValue!], $rows: Int) {
  dashboard(id: $id) {
    ${itemSelection}
    filters { name title type defaultValue dimension }
    tiles(filters: $filters, first: 50) { id title type appliedFilters { field expression } result(limit: $rows) { ${resultSelection} } }
  }
}`,
  variables: (args) => ({
    id: args.id,
    filters: args.filters ? Object.entries(args.filters).map(([name, value]) => ({ name, value })) : undefined,
    rows: dashboardTileRows,
  }),
  answer: (data, args) => {
    const dashboard = data.dashboard as
      (ContentItem & { filters: { name: string; defaultValue: string | null }[]; tiles: TileData[] }) | null;
    if (!dashboard)
      throw new ToolInputProblem(
        `No dashboard has id "${args.id}", or you may not see it. Find dashboards with search_content.`,
      );
    const parts = [
      `Dashboard ${cleanText(dashboard.id)}: ${quoted(dashboard.title)}`,
      ...(dashboard.filters.length > 0
        ? [
            `Filters: ${dashboard.filters.map((f) => `${quoted(f.name)}${f.defaultValue ? ` (default ${quoted(f.defaultValue)})` : ''}`).join(', ')}`,
          ]
        : []),
      ...dashboard.tiles.map((tile) => {
        const applied = tile.appliedFilters.length > 0 ? ` [${tile.appliedFilters.map(filterText).join('; ')}]` : '';
        const head = `## Tile ${tile.title ? quoted(tile.title) : cleanText(tile.id)} (${cleanText(tile.type)})${applied}`;
        return tile.result ? `${head}\n${resultText({ ...tile.result, rows: tile.result.rows.slice(0, 10) })}` : head;
      }),
    ];
    return { structured: { dashboard }, text: parts.join('\n\n') };
  },
});
