import { z } from 'zod';
import { maxFilterExpressionLength, maxRowLimit } from '../input/arguments';
import {
  maxCustomFilterLength,
  maxDynamicFieldsLength,
  maxFieldReferenceLength,
  maxQueryListItems,
  maxTimezoneLength,
} from '../input/query-input';
import { defaultToolRows } from './content-tools';
import { cleanText, quoted } from './looker-text';
import { resultSelection, resultShape, resultText, type ResultData } from './query-result-answer';
import { maxTextRows } from './text-table';
import { defineTool, ToolInputProblem } from './tool-definition';

/** The arguments every query tool takes: an ad-hoc query against an explore, in Looker's terms. */
export interface QueryArguments extends Record<string, unknown> {
  model: string;
  explore: string;
  fields: string[];
  filters?: Record<string, string>;
  sorts?: string[];
  limit?: number;
  pivots?: string[];
  dynamic_fields?: string;
  filter_expression?: string;
  query_timezone?: string;
  total?: boolean;
}

const fieldList = z.array(z.string().min(1).max(maxFieldReferenceLength)).max(maxQueryListItems);

/** The zod schema of {@link QueryArguments}, bounded as the GraphQL input is. */
export const queryArguments = z.object({
  model: z.string().min(1).max(200).describe("The model's LookML name (list_models)."),
  explore: z.string().min(1).max(200).describe("The explore's LookML name (list_models)."),
  fields: fieldList.min(1).describe('Dimensions and measures to select, e.g. ["orders.status", "order_items.count"].'),
  filters: z
    .record(z.string().max(maxFieldReferenceLength), z.string().max(maxFilterExpressionLength))
    .optional()
    .describe(
      'Filters by field, as Looker filter expressions, e.g. {"orders.status": "complete,shipped", "orders.created_date": "30 days", "order_items.sale_price": ">100"}. suggest_values gives exact values.',
    ),
  sorts: fieldList.optional().describe('Sorts, e.g. ["order_items.count desc"]; ascending unless followed by "desc".'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(maxRowLimit)
    .optional()
    .describe(
      `Most rows to return, 1–${maxRowLimit}; default ${defaultToolRows}. The text rendering shows the first ${maxTextRows} rows; the structured content has all of them.`,
    ),
  pivots: fieldList
    .optional()
    .describe(
      'Dimensions to pivot on (they must be among `fields`), e.g. ["orders.status"]: each measure gets a column per value of the pivot.',
    ),
  dynamic_fields: z
    .string()
    .max(maxDynamicFieldsLength)
    .optional()
    .describe(
      `Custom fields and table calculations as Looker's JSON text (a query's dynamic_fields), e.g. '[{"table_calculation": "share", "expression": "\${order_items.count} / sum(\${order_items.count})"}]'; list a calculation in \`fields\` to select it. At most ${maxDynamicFieldsLength} characters.`,
    ),
  filter_expression: z
    .string()
    .max(maxCustomFilterLength)
    .optional()
    .describe(
      `A custom filter in Looker's expression language, applied with \`filters\`: e.g. '\${orders.status} = "Complete" AND \${order_items.sale_price} > 100', with AND, OR, NOT and parentheses. At most ${maxCustomFilterLength} characters.`,
    ),
  query_timezone: z
    .string()
    .max(maxTimezoneLength)
    .optional()
    .describe('The time zone dates are read in, e.g. "America/New_York" (default: the Looker connection\'s).'),
  total: z.boolean().optional().describe('Also return the totals of the measures (shown after the table).'),
});

/** How the query tools' arguments are named in GraphQL (`input.view`), for error messages. */
export const queryArgumentNames: Readonly<Record<string, string>> = {
  'input.model': 'model',
  'input.view': 'explore',
  'input.fields': 'fields',
  'input.filters': 'filters',
  'input.sorts': 'sorts',
  'input.limit': 'limit',
  'input.pivots': 'pivots',
  'input.dynamicFields': 'dynamic_fields',
  'input.filterExpression': 'filter_expression',
  'input.queryTimezone': 'query_timezone',
  'input.total': 'total',
};

/** The GraphQL `QueryInput` of a query tool's arguments. */
export function queryInput(args: QueryArguments) {
  return {
    model: args.model,
    view: args.explore,
    fields: args.fields,
    filters: args.filters
      ? Object.entries(args.filters).map(([field, expression]) => ({ field, expression }))
      : undefined,
    sorts: args.sorts,
    limit: args.limit ?? defaultToolRows,
    pivots: args.pivots,
    dynamicFields: args.dynamic_fields,
    filterExpression: args.filter_expression,
    queryTimezone: args.query_timezone,
    total: args.total,
  };
}

/** What a query tool's arguments ask, on one line: the explore, its fields. */
function queryLine(args: QueryArguments): string {
  return `Query on ${cleanText(args.model)}::${cleanText(args.explore)} selecting ${args.fields.map(cleanText).join(', ')}`;
}

/** `run_query(model, explore, fields, …)`: an ad-hoc query against an explore. */
export const runQuery = defineTool<QueryArguments>({
  name: 'run_query',
  title: 'Query an explore',
  description:
    'Runs an ad-hoc query against an explore: select dimensions and measures (fully qualified `view.field` names from describe_explore), filter, pivot and sort them, with custom fields and a custom filter if needed. ' +
    "Use it for questions no saved look answers (run_look runs a saved one). The text shows a table headed by the fields' labels with Looker's rendered values ($1,234.56), a column per pivot value when pivoted, and totals when asked; " +
    'the structured content has raw values keyed by field name. For slow queries use start_query. Needs the looker:data:read scope.',
  input: queryArguments,
  output: z.object({ result: resultShape }),
  document: `query McpRunQuery($input: QueryInput!) { runQuery(input: $input) { ${resultSelection} } }`,
  variables: (args) => ({ input: queryInput(args) }),
  argumentNames: queryArgumentNames,
  answer: (data) => {
    const result = data.runQuery as ResultData | null;
    if (!result) throw new ToolInputProblem('The query returned no result.');
    return { structured: { result }, text: resultText(result) };
  },
});

/** `query_sql(…run_query's arguments)`: the SQL Looker would run, without running it. */
export const querySql = defineTool<QueryArguments>({
  name: 'query_sql',
  title: "Show a query's SQL",
  description:
    'The SQL Looker generates for a query (the same arguments as run_query), without running it: no rows are read. ' +
    'Use it to check how Looker joins and filters before running a query, or to explain a result. Needs the looker:sql:read scope.',
  input: queryArguments,
  output: z.object({ sql: z.string() }),
  document: `query McpQuerySql($input: QueryInput!) { querySql(input: $input) }`,
  variables: (args) => ({ input: queryInput(args) }),
  argumentNames: queryArgumentNames,
  answer: (data, args) => {
    const sql = data.querySql as string | null;
    if (sql === null || sql === undefined) throw new ToolInputProblem('Looker gave no SQL for this query.');
    return { structured: { sql }, text: `${queryLine(args)}: the SQL Looker generates (not run):\n${sqlBlock(sql)}` };
  },
});

/** SQL as a fenced block it cannot close (Looker's SQL may quote user text). */
function sqlBlock(sql: string): string {
  const longest = Math.max(0, ...Array.from(sql.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}sql\n${sql}\n${fence}`;
}

/** `query_url(…run_query's arguments)`: a link that opens the query in Looker's explore. */
export const queryUrl = defineTool<QueryArguments>({
  name: 'query_url',
  title: 'Link to a query in Looker',
  description:
    "A link that opens a query (the same arguments as run_query) in Looker's explore, for a person to look further or change it. " +
    'Nothing runs and the link carries no data: Looker asks whoever opens it to sign in and shows only what they may see. ' +
    'The same query always gets the same link. Needs the looker:models:read scope.',
  input: queryArguments,
  output: z.object({ url: z.string() }),
  document: `query McpQueryUrl($input: QueryInput!) { queryUrl(input: $input) }`,
  variables: (args) => ({ input: queryInput(args) }),
  argumentNames: queryArgumentNames,
  answer: (data, args) => {
    const url = data.queryUrl as string | null;
    if (!url) throw new ToolInputProblem('Looker gave no link for this query.');
    return { structured: { url }, text: `${queryLine(args)}: open it in Looker at ${quoted(url)}` };
  },
});

/** `start_query(…run_query's arguments)`: a query run as a Looker query task, polled with get_query_task. */
export const startQuery = defineTool<QueryArguments>({
  name: 'start_query',
  title: 'Start a long query',
  description:
    'Starts a query (the same arguments as run_query) in the background as a Looker query task and answers at once with its task id; ' +
    'call get_query_task with that id until it is complete, then it returns the rows. Use it for queries that may take longer than run_query waits. ' +
    'A caller may have only a few tasks running at once. Needs the looker:data:read scope.',
  input: queryArguments,
  output: z.object({ task: z.object({ id: z.string(), status: z.string() }) }),
  document: `mutation McpStartQuery($input: QueryInput!) { startQuery(input: $input) { id status } }`,
  variables: (args) => ({ input: queryInput(args) }),
  argumentNames: queryArgumentNames,
  annotations: { readOnlyHint: true, idempotentHint: false },
  answer: (data, args) => {
    const task = data.startQuery as { id: string; status: string } | null;
    if (!task) throw new ToolInputProblem('Looker started no task for this query.');
    return {
      structured: { task },
      text: `${queryLine(args)}: started as task ${quoted(task.id)} (${task.status}). Call get_query_task with id ${quoted(task.id)} for its rows.`,
    };
  },
});

interface TaskData {
  id: string;
  status: 'RUNNING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';
  error: string | null;
  result: ResultData | null;
}

/** `get_query_task(id)`: where a task of start_query stands, with its rows once complete. */
export const getQueryTask = defineTool<{ id: string }>({
  name: 'get_query_task',
  title: 'Check a long query',
  description:
    'Where a query started with start_query stands: RUNNING (call again in a few seconds), COMPLETE (with its rows, as run_query shows them), FAILED (with why) or CANCELLED. ' +
    'Only the caller who started a task can read it; ids expire after a day. Needs the looker:data:read scope.',
  input: z.object({
    id: z.string().min(1).max(256).describe('The task id start_query answered.'),
  }),
  output: z.object({
    task: z.object({
      id: z.string(),
      status: z.enum(['RUNNING', 'COMPLETE', 'FAILED', 'CANCELLED']),
      error: z.string().nullable(),
      result: resultShape.nullable(),
    }),
  }),
  document: `query McpGetQueryTask($id: ID!) { queryTask(id: $id) { id status error result { ${resultSelection} } } }`,
  variables: (args) => ({ id: args.id }),
  annotations: { readOnlyHint: true, idempotentHint: false },
  answer: (data, args) => {
    const task = data.queryTask as TaskData | null;
    if (!task)
      throw new ToolInputProblem(
        `No query task has id ${quoted(args.id)} for you: it was started by someone else, has expired, or is not an id start_query gave.`,
      );
    const head = `Task ${quoted(task.id)}: ${task.status}`;
    const text =
      task.status === 'COMPLETE' && task.result
        ? `${head}\n${resultText(task.result)}`
        : task.status === 'RUNNING'
          ? `${head}: still running; call get_query_task again in a few seconds.`
          : task.status === 'FAILED'
            ? `${head}: ${quoted(task.error ?? 'no reason given')}`
            : `${head}: it was cancelled; start it again with start_query if you still need it.`;
    return { structured: { task }, text };
  },
});
