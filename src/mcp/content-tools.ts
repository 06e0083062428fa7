import { z } from 'zod';
import { maxRowLimit } from '../input/arguments';
import { cleanText, quoted } from './looker-text';
import { defineTool, ToolInputProblem } from './tool-definition';
import { resultSelection, resultShape, resultText, tileResultSelection, type ResultData } from './query-result-answer';
import { maxTextRows } from './text-table';

/** Rows a result tool reads when the caller names no `limit`: enough to answer, small enough to read. */
export const defaultToolRows = 100;
/** Rows each dashboard tile returns through `get_dashboard`. */
export const dashboardTileRows = 50;
/** Tiles `get_dashboard` reads, in the dashboard's order. */
export const dashboardTiles = 50;
/** Rows of each tile the text of `get_dashboard` shows (a dashboard has many tiles; the structured content has them all). */
export const dashboardTileTextRows = 10;
/** Looks and dashboards one search shows, of each type: a page. */
export const searchPageSize = 25;

/** A content id: Looker's are strings, but most clients send `14` for "14", so numbers are taken too. */
export const contentIdArgument = (what: string) =>
  z
    .union([z.string().min(1).max(100), z.number().int().nonnegative()])
    .transform(String)
    .describe(
      `The ${what}'s Looker id, as search_content returns it (e.g. "12" or 12${what === 'dashboard' ? '; LookML dashboards look like "model::name"' : ''}).`,
    );
const limit = z
  .number()
  .int()
  .min(1)
  .max(maxRowLimit)
  .optional()
  .describe(
    `Most rows to return, 1–${maxRowLimit}; default ${defaultToolRows}. The text rendering shows the first ${maxTextRows} rows; the structured content has all of them.`,
  );

interface ContentItem {
  id: string;
  title: string;
  description: string | null;
  folder: { id: string; name: string } | null;
  updatedAt: string | null;
}

const contentItemShape = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  folder: z.object({ id: z.string(), name: z.string() }).nullable(),
  updatedAt: z.string().nullable(),
});

function contentLine(kind: string, item: ContentItem): string {
  return `- ${kind} ${cleanText(item.id)}: ${quoted(item.title)}${item.folder ? ` (folder ${quoted(item.folder.name)})` : ''}`;
}

const itemSelection = 'id title description folder { id name } updatedAt';

/** A filter as text: the field's name, and its expression as quoted data. */
function filterText(filter: { field: string; expression: string }): string {
  return `${cleanText(filter.field)} = ${quoted(filter.expression)}`;
}

type ContentType = 'look' | 'dashboard';
/** Where the next page of one type starts: the GraphQL cursor to read after, and its position (0-based). */
interface TypePosition {
  after: string;
  at: number;
}
/** A search_content cursor: for each type that has more, where its next page starts (a type absent has no more). */
type SearchCursor = Partial<Record<ContentType, TypePosition>>;

const positionShape = z.object({ after: z.string().max(500), at: z.number().int().nonnegative() });
const cursorShape = z.object({ look: positionShape.optional(), dashboard: positionShape.optional() }).strict();

function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeSearchCursor(text: string): SearchCursor | undefined {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What one type's part of a search answered. */
interface TypePage {
  nodes: ContentItem[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number | null;
}

const pageSummaryShape = z
  .object({
    from: z.number().int().describe('Position of the first item shown (1-based); 0 when none is.'),
    to: z.number().int().describe('Position of the last item shown.'),
    total: z
      .number()
      .int()
      .nullable()
      .describe('How many match, as Looker counts them; null when Looker sent no count (then `atLeast`).'),
    atLeast: z.number().int().describe('How many match at least.'),
    hasMore: z.boolean().describe('Whether items follow this page (pass `nextCursor` as `cursor`).'),
  })
  .nullable();

type PageSummary = NonNullable<z.infer<typeof pageSummaryShape>>;

/** One type's page: the items shown, its counts, and where its next page starts. */
function typePage(page: TypePage, at: number): { shown: ContentItem[]; summary: PageSummary; next?: TypePosition } {
  const shown = page.nodes;
  const { hasNextPage, endCursor } = page.pageInfo;
  return {
    shown,
    summary: {
      from: shown.length > 0 ? at + 1 : 0,
      to: at + shown.length,
      total: page.totalCount,
      // A next page means one more item at least.
      atLeast: page.totalCount ?? at + shown.length + (hasNextPage ? 1 : 0),
      hasMore: hasNextPage,
    },
    ...(hasNextPage && endCursor ? { next: { after: endCursor, at: at + shown.length } } : {}),
  };
}

/** "Looks 26–50 of 57:" as a heading of a type's lines. */
function pageHeading(plural: string, summary: PageSummary): string {
  const total = summary.total === null ? `more than ${summary.atLeast - 1}` : String(summary.total);
  if (summary.from === 0) return `${plural}: none match${summary.total === 0 ? '' : ` here (${total} in all)`}.`;
  return `${plural} ${summary.from}–${summary.to} of ${total}:`;
}

/** `search_content(query, type?, folderId?, cursor?)`: looks and dashboards whose title contains the query, a page at a time. */
export const searchContent = defineTool<{ query: string; type?: ContentType; folderId?: string; cursor?: string }>({
  name: 'search_content',
  title: 'Search looks and dashboards',
  description:
    'Start here to find saved Looker content by title: looks (saved queries) and dashboards (sets of tiles) whose title contains the query text, case-insensitively. ' +
    `Returns ${searchPageSize} of each type per page with id, title and folder, how many match, and a cursor for the next page; ` +
    `the first page also lists up to ${searchPageSize} LookML dashboards (ids like "model::name", defined in LookML; not searched within a folder). ` +
    'Then use an id with get_look (definition), run_look (rows) or get_dashboard (tiles and their rows). For ad-hoc questions use list_models instead.',
  input: z.object({
    query: z
      .string()
      .max(200)
      .describe('Text the title contains, e.g. "revenue" (at most 200 characters; empty matches everything).'),
    type: z.enum(['look', 'dashboard']).optional().describe('Only this type of content; both when omitted.'),
    folderId: contentIdArgument('folder').optional().describe('Only content in this folder (its Looker id).'),
    cursor: z
      .string()
      .max(2000)
      .refine((text) => decodeSearchCursor(text) !== undefined, 'is not a cursor search_content gave')
      .optional()
      .describe(
        'The next page: the cursor a previous answer gave, with the same query, type and folderId. Omit it for the first page.',
      ),
  }),
  output: z.object({
    items: z.array(contentItemShape.extend({ type: z.enum(['look', 'dashboard']) })),
    looks: pageSummaryShape.describe('Counts of the looks; null when looks were not searched.'),
    dashboards: pageSummaryShape.describe('Counts of the dashboards; null when dashboards were not searched.'),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last one.'),
  }),
  document: `query McpSearchContent($search: String!, $folderId: ID, $looks: Boolean!, $dashboards: Boolean!, $lookml: Boolean!, $first: Int!, $lookAfter: String, $dashboardAfter: String) {
  looks(search: $search, folderId: $folderId, first: $first, after: $lookAfter) @include(if: $looks) { nodes { ${itemSelection} } pageInfo { hasNextPage endCursor } totalCount }
  dashboards(search: $search, folderId: $folderId, first: $first, after: $dashboardAfter) @include(if: $dashboards) { nodes { ${itemSelection} } pageInfo { hasNextPage endCursor } totalCount }
  lookmlDashboards(search: $search, first: $first) @include(if: $lookml) { ${itemSelection} }
}`,
  variables: (args) => {
    const cursor = args.cursor === undefined ? undefined : decodeSearchCursor(args.cursor);
    const wanted = (type: ContentType) => (args.type ?? type) === type && (cursor === undefined || type in cursor);
    return {
      search: args.query,
      folderId: args.folderId,
      looks: wanted('look'),
      dashboards: wanted('dashboard'),
      // LookML dashboards live in no folder of their own and come whole, on the first page.
      lookml: (args.type ?? 'dashboard') === 'dashboard' && cursor === undefined && args.folderId === undefined,
      first: searchPageSize,
      lookAfter: cursor?.look?.after,
      dashboardAfter: cursor?.dashboard?.after,
    };
  },
  argumentNames: { search: 'query', lookAfter: 'cursor', dashboardAfter: 'cursor' },
  answer: (data, args) => {
    const cursor = args.cursor === undefined ? undefined : decodeSearchCursor(args.cursor);
    const next: SearchCursor = {};
    const items: (ContentItem & { type: ContentType })[] = [];
    const lines: string[] = [];
    const summaries: Partial<Record<ContentType, PageSummary>> = {};
    for (const [type, key, plural] of [
      ['look', 'looks', 'Looks'],
      ['dashboard', 'dashboards', 'Dashboards'],
    ] as const) {
      const page = data[key] as TypePage | undefined;
      if (!page) {
        if (cursor !== undefined && (args.type ?? type) === type) lines.push(`${plural}: all listed on earlier pages.`);
        continue;
      }
      const part = typePage(page, cursor?.[type]?.at ?? 0);
      summaries[type] = part.summary;
      if (part.next) next[type] = part.next;
      items.push(...part.shown.map((item) => ({ ...item, type })));
      lines.push(pageHeading(plural, part.summary), ...part.shown.map((item) => contentLine(type, item)));
    }
    const lookml = data.lookmlDashboards as ContentItem[] | undefined;
    if (lookml && lookml.length > 0) {
      items.push(...lookml.map((item) => ({ ...item, type: 'dashboard' as const })));
      lines.push(
        `LookML dashboards (${lookml.length}${lookml.length >= searchPageSize ? ', the first by title: narrow the query for others' : ''}):`,
        ...lookml.map((item) => contentLine('dashboard', item)),
      );
    }
    const nextCursor = Object.keys(next).length > 0 ? encodeSearchCursor(next) : null;
    if (nextCursor !== null) {
      const following = (['look', 'dashboard'] as const)
        .filter((type) => next[type])
        .map((type) => `${type}s from ${(next[type]?.at ?? 0) + 1}`)
        .join(', ');
      lines.push(
        `Next page (${following}): call search_content with the same query, type and folderId and cursor "${nextCursor}".`,
      );
    }
    return {
      structured: { items, looks: summaries.look ?? null, dashboards: summaries.dashboard ?? null, nextCursor },
      text: lines.join('\n'),
    };
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
    'A look (a saved Looker query with a title): its title, description, folder and query definition (model, explore, fields, filters, sorts, limit), no data. ' +
    'Use it to see what a look asks, or to start a run_query of your own from its fields and filters; run_look returns its rows. Find ids with search_content.',
  input: z.object({ id: contentIdArgument('look') }),
  output: z.object({
    look: contentItemShape.extend({
      createdAt: z.string().nullable(),
      query: z
        .object({
          model: z.string(),
          view: z.string().describe('The explore.'),
          fields: z.array(z.string()),
          filters: z.array(z.object({ field: z.string(), expression: z.string() })),
          sorts: z.array(z.string()),
          limit: z.number().int().nullable(),
          pivots: z.array(z.string()),
        })
        .nullable(),
    }),
  }),
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
export const runLook = defineTool<{ id: string; filters?: Record<string, string>; limit?: number }>({
  name: 'run_look',
  title: 'Run a look',
  description:
    "Runs a look's saved query and returns its rows: the text shows a table headed by the fields' labels with Looker's rendered values ($1,234.56); the structured content has raw values keyed by field name (`view.field`). " +
    "Use it for the data of a look found with search_content; `filters` narrow this run (a filter on a field the look already filters replaces the look's; the look is not changed). For a question no look answers, use run_query. Needs the looker:data:read scope.",
  input: z.object({
    id: contentIdArgument('look'),
    filters: z
      .record(z.string().max(300), z.string().max(1000))
      .optional()
      .describe(
        'Filters for this run by field, as Looker filter expressions, e.g. {"orders.status": "Complete", "order_items.sale_price": ">100"}; get_look shows the fields and filters the look has.',
      ),
    limit,
  }),
  output: z.object({ look: z.object({ id: z.string(), title: z.string() }), result: resultShape }),
  document: `query McpRunLook($id: ID!, $filters: [FilterInput!], $limit: Int) {
  look(id: $id) { id title result(filters: $filters, limit: $limit) { ${resultSelection} } }
}`,
  variables: (args) => ({
    id: args.id,
    filters: args.filters
      ? Object.entries(args.filters).map(([field, expression]) => ({ field, expression }))
      : undefined,
    limit: args.limit ?? defaultToolRows,
  }),
  answer: (data, args) => {
    const look = lookOf(data, args.id);
    if (!look.result) throw new ToolInputProblem(`Look "${args.id}" has no result to show.`);
    const filtered = args.filters
      ? `\nWith filters for this run: ${Object.entries(args.filters)
          .map(([field, expression]) => filterText({ field, expression }))
          .join('; ')}`
      : '';
    return {
      structured: { look: { id: look.id, title: look.title }, result: look.result },
      text: `Look ${cleanText(look.id)}: ${quoted(look.title)}${filtered}\n${resultText(look.result)}`,
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
    "A dashboard's filters and tiles, each tile with its rows (rendered values, labelled columns) and the dashboard filters applied to it; set filter values by name with `filters`. " +
    `Use it for a dashboard found with search_content. Each tile returns at most ${dashboardTileRows} rows (the text shows ${dashboardTileTextRows} per tile); text tiles have none. Needs the looker:data:read scope (tile data).`,
  input: z.object({
    id: contentIdArgument('dashboard'),
    filters: z
      .record(z.string().max(200), z.string().max(1000))
      .optional()
      .describe(
        'Dashboard filter values by filter name, e.g. {"Status": "complete"} (Looker filter expressions; "" filters nothing). Unset filters keep their default values.',
      ),
  }),
  output: z.object({
    dashboard: contentItemShape.extend({
      filters: z.array(
        z.object({
          name: z.string(),
          title: z.string().nullable(),
          type: z.string().nullable(),
          defaultValue: z.string().nullable(),
          dimension: z.string().nullable(),
        }),
      ),
      tileCount: z.number().int().describe('How many tiles the dashboard has; `tiles` holds the first ones.'),
      tiles: z.array(
        z.object({
          id: z.string(),
          title: z.string().nullable(),
          type: z.string(),
          appliedFilters: z.array(z.object({ field: z.string(), expression: z.string() })),
          result: resultShape.nullable(),
        }),
      ),
    }),
  }),
  document: `query McpGetDashboard($id: ID!, $filters: [DashboardFilterValue!], $rows: Int) {
  dashboard(id: $id) {
    ${itemSelection}
    filters { name title type defaultValue dimension }
    tileCount
    tiles(first: ${dashboardTiles}) { id title type appliedFilters(filters: $filters) { field expression } result(filters: $filters, limit: $rows) { ${tileResultSelection} } }
  }
}`,
  variables: (args) => ({
    id: args.id,
    filters: args.filters ? Object.entries(args.filters).map(([name, value]) => ({ name, value })) : undefined,
    rows: dashboardTileRows,
  }),
  answer: (data, args) => {
    const dashboard = data.dashboard as
      | (ContentItem & {
          filters: { name: string; defaultValue: string | null }[];
          tileCount: number;
          tiles: TileData[];
        })
      | null;
    if (!dashboard)
      throw new ToolInputProblem(
        `No dashboard has id "${args.id}", or you may not see it. Find dashboards with search_content.`,
      );
    const tilesLine =
      dashboard.tileCount > dashboard.tiles.length
        ? `Tiles: the first ${dashboard.tiles.length} of ${dashboard.tileCount} are shown (get_dashboard reads at most ${dashboardTiles}).`
        : `Tiles: ${dashboard.tileCount}.`;
    const parts = [
      `Dashboard ${cleanText(dashboard.id)}: ${quoted(dashboard.title)}\n${tilesLine}`,
      ...(dashboard.filters.length > 0
        ? [
            `Filters: ${dashboard.filters.map((f) => `${quoted(f.name)}${f.defaultValue ? ` (default ${quoted(f.defaultValue)})` : ''}`).join(', ')}`,
          ]
        : []),
      ...dashboard.tiles.map((tile) => {
        const applied = tile.appliedFilters.length > 0 ? ` [${tile.appliedFilters.map(filterText).join('; ')}]` : '';
        const head = `## Tile ${tile.title ? quoted(tile.title) : cleanText(tile.id)} (${cleanText(tile.type)})${applied}`;
        return tile.result ? `${head}\n${resultText(tile.result, dashboardTileTextRows)}` : head;
      }),
    ];
    return { structured: { dashboard }, text: parts.join('\n\n') };
  },
});
