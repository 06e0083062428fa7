import type { IWriteQuery } from '@looker/sdk';
import type { Context } from '../context/context';
import { badUserInput } from '../input/arguments';

/** The names a query may use: the explore's fields, and the custom fields its `dynamic_fields` define. */
async function knownFields(ctx: Context, argumentName: string, query: IWriteQuery): Promise<Set<string>> {
  const explore = await ctx.loaders.explore.load({ model: query.model ?? '', name: query.view ?? '' });
  if (!explore)
    throw badUserInput(
      `${argumentName}.view`,
      `Argument "${argumentName}": no explore "${query.model}/${query.view}" that this caller can see.`,
    );
  const groups = explore.fields;
  const names = new Set<string>();
  for (const list of [groups?.dimensions, groups?.measures, groups?.filters, groups?.parameters])
    for (const field of list ?? []) if (field.name) names.add(field.name);
  for (const custom of dynamicFieldNames(query.dynamic_fields)) names.add(custom);
  return names;
}

/** The names `dynamic_fields` defines: table calculations, custom measures and dimensions. */
function dynamicFieldNames(text: string | null | undefined): string[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((f: unknown) => {
      if (typeof f !== 'object' || f === null) return [];
      const entry = f as Record<string, unknown>;
      return [entry.table_calculation, entry.measure, entry.dimension].filter(
        (n): n is string => typeof n === 'string',
      );
    });
  } catch {
    return [];
  }
}

/**
 * Checks a query a write saves against its explore: every selected, filtered, sorted, pivoted and
 * filled field must be one of the explore's (or a custom field of its own), so a look or a tile is
 * never saved broken, and a dry run says so. Reads the explore (cached metadata), never runs the query.
 */
export async function checkQueryFields(ctx: Context, argumentName: string, query: IWriteQuery): Promise<void> {
  const known = await knownFields(ctx, argumentName, query);
  const check = (name: string, where: string) => {
    if (!known.has(name))
      throw badUserInput(
        where,
        `Argument "${where}": "${name}" is not a field of explore ${query.model}/${query.view} (describe the explore for its fields).`,
      );
  };
  (query.fields ?? []).forEach((f, i) => check(f, `${argumentName}.fields[${i}]`));
  Object.keys(query.filters ?? {}).forEach((f, i) => check(f, `${argumentName}.filters[${i}].field`));
  (query.sorts ?? []).forEach((s, i) => check(s.replace(/\s+(asc|desc)$/i, '').trim(), `${argumentName}.sorts[${i}]`));
  (query.pivots ?? []).forEach((f, i) => check(f, `${argumentName}.pivots[${i}]`));
  (query.fill_fields ?? []).forEach((f, i) => check(f, `${argumentName}.fillFields[${i}]`));
}
