import { z } from 'zod';
import { maxRowLimit } from '../input/arguments';
import { defaultToolRows } from './content-tools';
import { resultSelection, resultShape, resultText, type ResultData } from './query-result-answer';
import { maxTextRows } from './text-table';
import { defineTool, ToolInputProblem } from './tool-definition';

/** `run_query(model, explore, fields, filters?, sorts?, limit?)`: an ad-hoc query against an explore. */
export const runQuery = defineTool<{
  model: string;
  explore: string;
  fields: string[];
  filters?: Record<string, string>;
  sorts?: string[];
  limit?: number;
}>({
  name: 'run_query',
  title: 'Query an explore',
  description:
    'Runs an ad-hoc query against an explore: select dimensions and measures (fully qualified `view.field` names from describe_explore), filter and sort them. ' +
    "Use it for questions no saved look answers (run_look runs a saved one). The text shows a table headed by the fields' labels with Looker's rendered values ($1,234.56); " +
    'the structured content has raw values keyed by field name. Needs the looker:data:read scope.',
  input: z.object({
    model: z.string().min(1).max(200).describe("The model's LookML name (list_models)."),
    explore: z.string().min(1).max(200).describe("The explore's LookML name (list_models)."),
    fields: z
      .array(z.string().min(1).max(300))
      .min(1)
      .max(200)
      .describe('Dimensions and measures to select, e.g. ["orders.status", "order_items.count"].'),
    filters: z
      .record(z.string().max(300), z.string().max(1000))
      .optional()
      .describe(
        'Filters by field, as Looker filter expressions, e.g. {"orders.status": "complete,shipped", "orders.created_date": "30 days", "order_items.sale_price": ">100"}. suggest_values gives exact values.',
      ),
    sorts: z
      .array(z.string().min(1).max(300))
      .max(200)
      .optional()
      .describe('Sorts, e.g. ["order_items.count desc"]; ascending unless followed by "desc".'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(maxRowLimit)
      .optional()
      .describe(
        `Most rows to return, 1–${maxRowLimit}; default ${defaultToolRows}. The text rendering shows the first ${maxTextRows} rows; the structured content has all of them.`,
      ),
  }),
  output: z.object({ result: resultShape }),
  document: `query McpRunQuery($input: QueryInput!) { runQuery(input: $input) { ${resultSelection} } }`,
  variables: (args) => ({
    input: {
      model: args.model,
      view: args.explore,
      fields: args.fields,
      filters: args.filters
        ? Object.entries(args.filters).map(([field, expression]) => ({ field, expression }))
        : undefined,
      sorts: args.sorts,
      limit: args.limit ?? defaultToolRows,
    },
  }),
  argumentNames: {
    'input.model': 'model',
    'input.view': 'explore',
    'input.fields': 'fields',
    'input.filters': 'filters',
    'input.sorts': 'sorts',
    'input.limit': 'limit',
  },
  answer: (data) => {
    const result = data.runQuery as ResultData | null;
    if (!result) throw new ToolInputProblem('The query returned no result.');
    return { structured: { result }, text: resultText(result) };
  },
});
