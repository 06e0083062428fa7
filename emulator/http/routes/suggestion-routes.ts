import type { ApiRoutes } from '../api-router';
import { sendJson } from '../api-router';
import { ApiError, notFound } from '../errors';

/** Most values one suggestion answer holds; more sets `hit_limit` (a guess, see the README). */
const suggestionLimit = 1000;

/** The `filters` parameter: the SDK sends the object as JSON text (field → filter expression). */
function filtersOf(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'Invalid value for filters: must be a JSON object of field names to filter expressions');
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed) ||
    Object.values(parsed).some((v) => typeof v !== 'string')
  ) {
    throw new ApiError(400, 'Invalid value for filters: must be a JSON object of field names to filter expressions');
  }
  return parsed as Record<string, string>;
}

/**
 * Whether a value matches a suggestion term as Looker's suggestion query does: the value starts
 * with it, or one of its words does (`LIKE 'term%' OR LIKE '% term%'`, Looker's suggestions
 * documentation); case-insensitive here (a guess: Looker's `LIKE` follows the database).
 */
export function matchesSuggestionTerm(value: string, term: string): boolean {
  if (term === '') return true;
  const text = value.toLowerCase();
  const wanted = term.toLowerCase();
  return text.startsWith(wanted) || text.includes(` ${wanted}`);
}

/**
 * `GET /models/{model}/views/{view}/fields/{field}/suggestions` (`model_fieldname_suggestions`):
 * distinct values of a dimension of the explore `view` whose start or a word's start is `term`
 * ({@link matchesSuggestionTerm}), under `filters`, in ascending order.
 */
export function registerSuggestionRoutes(api: ApiRoutes): void {
  api.get('/models/:model_name/views/:view_name/fields/:field_name/suggestions', async (ctx) => {
    const model = String(ctx.req.params.model_name);
    const view = String(ctx.req.params.view_name);
    const field = String(ctx.req.params.field_name);
    const explore = ctx.caller.policy.canUseModel(model) ? ctx.services.engine.getExplore(model, view) : undefined;
    if (!explore) throw notFound();
    // Suggestions are a dimension's values: a measure or an unknown field has none to offer.
    if (!(explore.fields?.dimensions ?? []).some((d) => d.name === field)) throw notFound();
    const filters = filtersOf(ctx.params.string('filters'));
    const term = ctx.params.string('term') ?? '';
    const result = await ctx.services.engine.run({
      model,
      view,
      fields: [field],
      filters,
      sorts: [field],
      limit: '-1',
    });
    const values = result.rows
      .map((row) => row[field])
      .filter((v): v is string | number | boolean => v !== null && v !== undefined)
      .map(String)
      .filter((v) => matchesSuggestionTerm(v, term));
    sendJson(ctx, {
      suggestions: values.slice(0, suggestionLimit),
      error: null,
      from_cache: false,
      hit_limit: values.length > suggestionLimit,
      used_calcite_materialization: false,
    });
  });
}
