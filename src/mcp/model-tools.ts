import { z } from 'zod';
import { defineTool, ToolInputProblem } from './tool-definition';
import { cleanText, quoted } from './looker-text';
import { textTable } from './text-table';

const lookmlName = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_]{1,200}$/, `must be a LookML name (letters, digits, underscores)`)
    .describe(`The ${what}'s LookML name, as list_models returns it.`);

interface ExploreField {
  name: string;
  label: string | null;
  type: string;
  description: string | null;
  hidden: boolean;
}

/** `list_models()`: LookML models and their explores. */
export const listModels = defineTool<Record<string, never>>({
  name: 'list_models',
  title: 'List LookML models and explores',
  description:
    'Every LookML model you may query, with its explores (the starting points of queries). Use a model and explore name with describe_explore, then run_query.',
  input: z.object({}),
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
    return { structured: { models }, text: text || 'No models.' };
  },
});

/** `describe_explore(model, explore)`: an explore's dimensions and measures. */
export const describeExplore = defineTool<{ model: string; explore: string }>({
  name: 'describe_explore',
  title: 'Describe an explore',
  description:
    "An explore's dimensions (what rows are grouped by) and measures (aggregates), each with its fully qualified name (`view.field`), label, type and description. " +
    'Hidden fields are left out. Use the names in run_query and suggest_values.',
  input: z.object({ model: lookmlName('model'), explore: lookmlName('explore') }),
  document: `query McpDescribeExplore($model: String!, $explore: String!) {
  explore(model: $model, name: $explore) {
    model name label description
    dimensions { name label type description hidden }
    measures { name label type description hidden }
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
      dimensions: ExploreField[];
      measures: ExploreField[];
    } | null;
    if (!explore)
      throw new ToolInputProblem(
        `Explore "${args.model}::${args.explore}" does not exist or you may not see it. list_models names the explores.`,
      );
    const visible = (fields: ExploreField[]) => fields.filter((f) => !f.hidden).map(({ hidden: _hidden, ...f }) => f);
    const dimensions = visible(explore.dimensions);
    const measures = visible(explore.measures);
    const table = (fields: ReturnType<typeof visible>) => textTable(['name', 'type', 'label', 'description'], fields);
    return {
      structured: {
        explore: {
          model: explore.model,
          name: explore.name,
          label: explore.label,
          description: explore.description,
          dimensions,
          measures,
        },
      },
      text: `Explore ${cleanText(`${explore.model}::${explore.name}`)}${explore.description ? `: ${quoted(explore.description)}` : ''}\n\nDimensions\n${table(dimensions)}\n\nMeasures\n${table(measures)}`,
    };
  },
});

/** `suggest_values(model, explore, field, term?)`: values of a dimension, to write filters with. */
export const suggestValues = defineTool<{ model: string; explore: string; field: string; term?: string }>({
  name: 'suggest_values',
  title: 'Suggest values of a field',
  description:
    'Distinct values of one dimension of an explore, as Looker suggests them for filters, optionally only those containing `term` (case-insensitive). ' +
    'Use it to write exact filter values for run_query or get_dashboard. The values come from the database: needs the looker:data:read scope.',
  input: z.object({
    model: lookmlName('model'),
    explore: lookmlName('explore'),
    field: z
      .string()
      .min(1)
      .max(300)
      .describe('A dimension, fully qualified (`view.field`), as describe_explore names it.'),
    term: z.string().max(200).optional().describe('Only values containing this text.'),
  }),
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
          : values.slice(0, 100).map(quoted).join('\n') +
            (values.length > 100 ? `\n(${values.length - 100} more in the structured content)` : ''),
    };
  },
});
