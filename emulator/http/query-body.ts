import { z } from 'zod';
import type { QueryRequest } from '../engine/types';
import { validationFailed, type ErrorDetail } from './errors';

/** The parts of Looker's `WriteQuery` body the emulator reads; other properties are ignored. */
const writeQuerySchema = z.object({
  model: z.string().min(1),
  view: z.string().min(1),
  fields: z.array(z.string()).nullish(),
  filters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).nullable()).nullish(),
  sorts: z.array(z.string()).nullish(),
  limit: z.union([z.string(), z.number()]).nullish(),
  pivots: z.array(z.string()).nullish(),
  vis_config: z.record(z.string(), z.unknown()).nullish(),
  dynamic_fields: z.string().nullish(),
  column_limit: z.union([z.string(), z.number()]).nullish(),
  fill_fields: z.array(z.string()).nullish(),
  filter_expression: z.string().nullish(),
  total: z.boolean().nullish(),
  row_total: z.string().nullish(),
  subtotals: z.array(z.string()).nullish(),
  query_timezone: z.string().nullish(),
});

/** A query body, validated: what the engine runs plus the visualization type to remember. */
export interface ParsedQueryBody {
  request: QueryRequest;
  vis: string | null;
  /** The whole `vis_config`, kept so the stored query echoes it. */
  visConfig: Record<string, unknown> | null;
}

/** Validates a `WriteQuery` body; problems answer 422 naming each field, as Looker does. */
export function parseQueryBody(body: unknown): ParsedQueryBody {
  const parsed = writeQuerySchema.safeParse(body ?? {});
  if (!parsed.success) {
    const details: ErrorDetail[] = parsed.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.') || 'body';
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      return {
        field,
        code: missing ? 'missing' : 'invalid',
        message: missing ? 'This field is required.' : issue.message,
      };
    });
    throw validationFailed(details);
  }
  const q = parsed.data;
  const filters: Record<string, string> = {};
  for (const [field, value] of Object.entries(q.filters ?? {})) if (value !== null) filters[field] = String(value);
  const vis = q.vis_config?.type;
  return {
    request: {
      model: q.model,
      view: q.view,
      fields: q.fields ?? [],
      filters,
      sorts: q.sorts ?? [],
      limit: q.limit ?? null,
      pivots: q.pivots ?? null,
      dynamic_fields: q.dynamic_fields ?? null,
      column_limit: q.column_limit ?? null,
      fill_fields: q.fill_fields ?? null,
      filter_expression: q.filter_expression ?? null,
      total: q.total ?? null,
      row_total: q.row_total ?? null,
      subtotals: q.subtotals ?? null,
      query_timezone: q.query_timezone ?? null,
    },
    vis: typeof vis === 'string' ? vis : null,
    visConfig: q.vis_config ?? null,
  };
}
