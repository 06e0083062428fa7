import { z } from 'zod';
import { defineTool, ToolInputProblem } from './tool-definition';
import { cleanText, lookerDataNotice, quoted } from './looker-text';
import { maxTextLength } from './text-table';

const lookmlName = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_]{1,200}$/, `must be a LookML name (letters, digits, underscores)`)
    .describe(`The ${what}'s LookML name, as list_models returns it.`);

const exploreFieldShape = z.object({
  name: z.string().describe('Fully qualified: `view.field`, as run_query takes it.'),
  label: z.string().nullable(),
  type: z.string(),
  description: z.string().nullable(),
  view: z.string(),
});
type ExploreField = z.infer<typeof exploreFieldShape>;

const exploreParameterShape = exploreFieldShape.extend({
  allowedValues: z
    .array(z.object({ label: z.string(), value: z.string() }))
    .describe('The values it accepts (pass `value`); empty when any value is accepted.'),
  defaultValue: z.string().nullable(),
});
type ExploreParameter = z.infer<typeof exploreParameterShape>;

/** A parameter's allowed values the text lists (the structured content has all). */
const maxAllowedValuesText = 20;

/** Filter-only fields and parameters: what a query may filter on (or pass) but not select. */
export interface FilterOnlyOptions {
  filterOnlyFields: readonly ExploreField[];
  parameters: readonly ExploreParameter[];
}

/** A parameter as a line: name, label, type, its allowed values (`value "label"`) and default. */
function parameterLine(p: ExploreParameter): string {
  const shown = p.allowedValues.slice(0, maxAllowedValuesText).map((v) => `${quoted(v.value)} ${quoted(v.label)}`);
  const more = p.allowedValues.length - shown.length;
  const values =
    p.allowedValues.length === 0 ? 'any value' : `values ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return `${fieldLine(p, false)}; ${values}${p.defaultValue === null ? '' : `; default ${quoted(p.defaultValue)}`}`;
}

/** The text's lines for filter-only fields and parameters (none when the explore has neither). */
function filterOnlyLines({ filterOnlyFields, parameters }: FilterOnlyOptions): string[] {
  if (filterOnlyFields.length + parameters.length === 0) return [];
  return [
    '',
    `Filter-only fields and parameters: use them in run_query's filters only, never in fields or sorts; a parameter takes one value.`,
    ...(filterOnlyFields.length > 0
      ? [`Filter-only fields (${filterOnlyFields.length}):`, ...filterOnlyFields.map((f) => fieldLine(f, false))]
      : []),
    ...(parameters.length > 0 ? [`Parameters (${parameters.length}):`, ...parameters.map(parameterLine)] : []),
  ];
}

/** Characters of a field's description the text shows (the structured content has all of it). */
const maxDescriptionText = 120;
/** What the text of describe_explore may hold besides the data notice `callTool` puts first. */
const describeBudget = maxTextLength - lookerDataNotice.length - 1;

/** One field as a line: name, label and type, and its description when asked for. */
function fieldLine(field: ExploreField, withDescription: boolean): string {
  const description =
    withDescription && field.description
      ? ` — ${quoted(field.description.length > maxDescriptionText ? `${field.description.slice(0, maxDescriptionText - 1)}…` : field.description)}`
      : '';
  return `- ${cleanText(field.name)}${field.label ? ` ${quoted(field.label)}` : ''} ${cleanText(field.type)}${description}`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Fields grouped by view, in the order Looker lists them. */
function byView(fields: readonly ExploreField[]): Map<string, ExploreField[]> {
  const views = new Map<string, ExploreField[]>();
  for (const field of fields) views.set(field.view, [...(views.get(field.view) ?? []), field]);
  return views;
}

/** The lines of whole views that fit in `budget` characters, and how many fields of the others were left out. */
function fitViews(fields: readonly ExploreField[], budget: number): { lines: string[]; omitted: Map<string, number> } {
  const lines: string[] = [];
  const omitted = new Map<string, number>();
  let used = 0;
  for (const [view, viewFields] of byView(fields)) {
    const viewLines = viewFields.map((f) => fieldLine(f, false));
    const size = viewLines.reduce((n, line) => n + line.length + 1, 0);
    if (used + size <= budget) {
      lines.push(...viewLines);
      used += size;
    } else omitted.set(view, viewFields.length);
  }
  return { lines, omitted };
}

/** Says which fields a text left out and the calls that list them. */
function omissionNote(kind: string, omitted: Map<string, number>): string {
  const count = [...omitted.values()].reduce((a, b) => a + b, 0);
  const views = [...omitted].map(([view, n]) => `view ${quoted(view)} (${n})`).join(', ');
  return (
    `${plural(count, kind)} of ${plural(omitted.size, 'view')} ${count === 1 ? 'is' : 'are'} not listed here, to keep this text within ${maxTextLength.toLocaleString('en-US')} characters: ` +
    `call describe_explore with ${views} to list them (or read the structured content).`
  );
}

/**
 * describe_explore's text: every visible measure and dimension, one a line (name, label, type),
 * measures first. With descriptions when all of it fits the text budget; else without them; else
 * as many whole views as fit, measures before dimensions, and a note naming each view left out and
 * the call that lists it. Nothing is left out without saying so.
 */
export function exploreFieldsText(
  head: string,
  measures: readonly ExploreField[],
  dimensions: readonly ExploreField[],
  filterOnly: FilterOnlyOptions = { filterOnlyFields: [], parameters: [] },
): string {
  // Few and short: always listed, whatever else the budget leaves out.
  const extra = filterOnlyLines(filterOnly);
  const intro = `${plural(measures.length, 'measure')} (aggregates) and ${plural(dimensions.length, 'dimension')} (what rows are grouped by); hidden fields are left out. Each line: name "label" type. Use the names in run_query (fields, filters, sorts) and suggest_values.`;
  const section = (title: string, count: number, lines: readonly string[]) => [`${title} (${count}):`, ...lines];
  for (const withDescription of [true, false]) {
    const text = [
      head,
      intro,
      '',
      ...section(
        'Measures',
        measures.length,
        measures.map((f) => fieldLine(f, withDescription)),
      ),
      '',
      ...section(
        'Dimensions',
        dimensions.length,
        dimensions.map((f) => fieldLine(f, withDescription)),
      ),
      ...extra,
    ].join('\n');
    const descriptionsLeftOut = !withDescription && [...measures, ...dimensions].some((f) => f.description);
    const note = descriptionsLeftOut
      ? "\n(Descriptions are left out to fit; describe_explore with a view shows that view's, the structured content has all.)"
      : '';
    if (text.length + note.length <= describeBudget) return text + note;
  }
  // Too many fields for one text: whole views, measures first, with room kept for the notes as
  // long as they could be (every view left out).
  const allOmitted = (fields: readonly ExploreField[]) =>
    new Map([...byView(fields)].map(([view, viewFields]) => [view, viewFields.length]));
  const room =
    describeBudget -
    [
      head,
      intro,
      omissionNote('measure', allOmitted(measures)),
      omissionNote('dimension', allOmitted(dimensions)),
      ...extra,
    ].join('\n').length -
    40;
  const fittedMeasures = fitViews(measures, room);
  const used = fittedMeasures.lines.reduce((n, line) => n + line.length + 1, 0);
  const fittedDimensions = fitViews(dimensions, room - used);
  const notes = [
    ...(fittedMeasures.omitted.size > 0 ? [omissionNote('measure', fittedMeasures.omitted)] : []),
    ...(fittedDimensions.omitted.size > 0 ? [omissionNote('dimension', fittedDimensions.omitted)] : []),
  ];
  return [
    head,
    intro,
    ...notes,
    '',
    ...section('Measures', measures.length, fittedMeasures.lines),
    '',
    ...section('Dimensions', dimensions.length, fittedDimensions.lines),
    ...extra,
  ].join('\n');
}

/** `list_models()`: LookML models and their explores. */
export const listModels = defineTool<Record<string, never>>({
  name: 'list_models',
  title: 'List LookML models and explores',
  description:
    'Every LookML model you may query, with its explores (the starting points of ad-hoc queries). Start here for a question no saved look or dashboard answers: ' +
    'pick an explore, then describe_explore for its fields, then run_query. For saved content use search_content instead.',
  input: z.object({}),
  output: z.object({
    models: z.array(
      z.object({
        name: z.string(),
        label: z.string().nullable(),
        explores: z.array(
          z.object({ name: z.string(), label: z.string().nullable(), description: z.string().nullable() }),
        ),
      }),
    ),
  }),
  document: `query McpListModels { lookmlModels { name label explores { name label description } } }`,
  variables: () => ({}),
  answer: (data) => {
    const models = data.lookmlModels as {
      name: string;
      label: string | null;
      explores: { name: string; label: string | null; description: string | null }[];
    }[];
    const text = models
      .map(
        (m) =>
          `${cleanText(m.name)}${m.label ? ` ${quoted(m.label)}` : ''}: ${cleanText(m.explores.map((e) => e.name).join(', '))}`,
      )
      .join('\n');
    return { structured: { models }, text: text ? `Model "label": explores\n${text}` : 'No models.' };
  },
});

/** `describe_explore(model, explore, view?)`: an explore's measures and dimensions. */
export const describeExplore = defineTool<{ model: string; explore: string; view?: string }>({
  name: 'describe_explore',
  title: 'Describe an explore',
  description:
    "An explore's measures (aggregates) and dimensions (what rows are grouped by), each with its fully qualified name (`view.field`), label and type, and descriptions when they fit. " +
    `Call it after list_models and before run_query or suggest_values, which take these names. The text holds at most ${maxTextLength.toLocaleString('en-US')} characters: ` +
    'an explore too large for it is listed by whole views with a note naming the views left out; `view` lists one view only. Hidden fields are left out.',
  input: z.object({
    model: lookmlName('model'),
    explore: lookmlName('explore'),
    view: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,200}$/, 'must be a LookML name (letters, digits, underscores)')
      .optional()
      .describe('Only the fields of this view (the part of a field name before the dot, e.g. "users").'),
  }),
  output: z.object({
    explore: z.object({
      model: z.string(),
      name: z.string(),
      label: z.string().nullable(),
      description: z.string().nullable(),
      view: z.string().nullable().describe('The view the fields were narrowed to; null for all.'),
      dimensions: z.array(exploreFieldShape),
      measures: z.array(exploreFieldShape),
      filterOnlyFields: z.array(exploreFieldShape).describe('LookML `filter:` fields: for run_query filters only.'),
      parameters: z
        .array(exploreParameterShape)
        .describe('LookML `parameter:` fields: one value in run_query filters.'),
    }),
  }),
  document: `query McpDescribeExplore($model: String!, $explore: String!) {
  explore(model: $model, name: $explore) {
    model name label description
    dimensions { name label type description view hidden }
    measures { name label type description view hidden }
    filterOnlyFields { name label type description view hidden }
    parameters { name label type description view hidden allowedValues { label value } defaultValue }
  }
}`,
  variables: (args) => ({ model: args.model, explore: args.explore }),
  argumentNames: { name: 'explore' },
  answer: (data, args) => {
    const explore = data.explore as {
      model: string;
      name: string;
      label: string | null;
      description: string | null;
      dimensions: (ExploreField & { hidden: boolean })[];
      measures: (ExploreField & { hidden: boolean })[];
      filterOnlyFields: (ExploreField & { hidden: boolean })[];
      parameters: (ExploreParameter & { hidden: boolean })[];
    } | null;
    if (!explore)
      throw new ToolInputProblem(
        `Explore "${args.model}::${args.explore}" does not exist or you may not see it. list_models names the explores.`,
      );
    const visible = <F extends ExploreField>(fields: (F & { hidden: boolean })[]) =>
      fields
        .filter((f) => !f.hidden && (args.view === undefined || f.view === args.view))
        .map(({ hidden: _hidden, ...f }) => f);
    const dimensions = visible(explore.dimensions);
    const measures = visible(explore.measures);
    const filterOnly = { filterOnlyFields: visible(explore.filterOnlyFields), parameters: visible(explore.parameters) };
    const count =
      dimensions.length + measures.length + filterOnly.filterOnlyFields.length + filterOnly.parameters.length;
    if (args.view !== undefined && count === 0) {
      const views = [...byView([...explore.measures, ...explore.dimensions].filter((f) => !f.hidden)).keys()];
      throw new ToolInputProblem(
        `Explore "${args.model}::${args.explore}" has no visible field in view "${args.view}". Its views: ${views.join(', ')}.`,
      );
    }
    const head = `Explore ${cleanText(`${explore.model}::${explore.name}`)}${explore.label ? ` ${quoted(explore.label)}` : ''}${
      explore.description ? `: ${quoted(explore.description)}` : ''
    }${args.view === undefined ? '' : ` (view ${quoted(args.view)} only)`}`;
    return {
      structured: {
        explore: {
          model: explore.model,
          name: explore.name,
          label: explore.label,
          description: explore.description,
          view: args.view ?? null,
          dimensions,
          measures,
          ...filterOnly,
        },
      },
      text: exploreFieldsText(head, measures, dimensions, filterOnly),
    };
  },
});

/** Values the text of `suggest_values` lists (the structured content has every one Looker suggested). */
const maxSuggestionText = 100;

/** `suggest_values(model, explore, field, term?)`: values of a dimension, to write filters with. */
export const suggestValues = defineTool<{ model: string; explore: string; field: string; term?: string }>({
  name: 'suggest_values',
  title: 'Suggest values of a field',
  description:
    'Distinct values of one dimension of an explore, as Looker suggests them for filters, optionally only those matching `term` (case-insensitive; Looker matches values that start with it or have a word that does). ' +
    'Use it before run_query or get_dashboard to write exact filter values (field names come from describe_explore). The values come from the database: needs the looker:data:read scope.',
  input: z.object({
    model: lookmlName('model'),
    explore: lookmlName('explore'),
    field: z
      .string()
      .min(1)
      .max(300)
      .describe('A dimension, fully qualified (`view.field`), as describe_explore names it.'),
    term: z.string().max(200).optional().describe('Only values that start with this text or have a word that does.'),
  }),
  output: z.object({ field: z.string(), values: z.array(z.string()) }),
  document: `query McpSuggestValues($model: String!, $explore: String!, $field: String!, $term: String) {
  explore(model: $model, name: $explore) { suggestions(field: $field, term: $term) }
}`,
  variables: (args) => ({ model: args.model, explore: args.explore, field: args.field, term: args.term }),
  argumentNames: { name: 'explore' },
  answer: (data, args) => {
    const explore = data.explore as { suggestions: string[] } | null;
    if (!explore)
      throw new ToolInputProblem(
        `Explore "${args.model}::${args.explore}" does not exist or you may not see it. list_models names the explores.`,
      );
    const values = explore.suggestions;
    return {
      structured: { field: args.field, values },
      text:
        values.length === 0
          ? 'No values.'
          : `${values.length} value${values.length === 1 ? '' : 's'}${values.length > maxSuggestionText ? ` (the first ${maxSuggestionText} below; narrow them with term)` : ''}:\n` +
            values.slice(0, maxSuggestionText).map(quoted).join('\n'),
    };
  },
});
