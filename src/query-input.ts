import type { IWriteQuery } from '@looker/sdk';
import { badUserInput, boundedList, boundedText, lookmlName, maxFilterExpressionLength, rowLimit } from './arguments';
import type { QueryInput } from './generated/resolvers-types';
import { LookerError } from './looker/errors';

/** Most fields, filters, sorts or pivots one ad-hoc query may name. */
const maxQueryListItems = 200;
/** Longest field reference (`view.field`, or a sort such as `view.field desc`). */
const maxFieldReferenceLength = 300;

/**
 * Converts the GraphQL query input (`runQuery`, `startQuery`) to Looker's `WriteQuery`, validating
 * what Looker would not explain well: BAD_USER_INPUT naming the argument, before any Looker call.
 */
export function writeQuery(input: QueryInput): IWriteQuery {
  lookmlName('input.model', input.model);
  lookmlName('input.view', input.view);
  if (input.fields.length === 0) throw badUserInput('input.fields', 'Argument "input.fields" must name at least one field.');
  const limit = rowLimit('input.limit', input.limit);
  const names = (argumentName: string, values: readonly string[] | null | undefined) =>
    values ? boundedList(argumentName, values, maxQueryListItems).map((v, i) => boundedText(`${argumentName}[${i}]`, v, maxFieldReferenceLength)) : undefined;
  const filters = boundedList('input.filters', input.filters ?? [], maxQueryListItems).map((f, i) => [
    boundedText(`input.filters[${i}].field`, f.field, maxFieldReferenceLength),
    boundedText(`input.filters[${i}].expression`, f.expression, maxFilterExpressionLength),
  ]);
  return {
    model: input.model,
    view: input.view,
    fields: names('input.fields', input.fields),
    filters: input.filters ? Object.fromEntries(filters) : undefined,
    sorts: names('input.sorts', input.sorts),
    pivots: names('input.pivots', input.pivots),
    limit: limit === undefined ? undefined : String(limit),
  };
}

/**
 * Looker answers 404 for a model or explore that does not exist or is outside the user's model
 * set: for an ad-hoc query that is the caller's input at fault (BAD_USER_INPUT on `input.view`).
 */
export function unknownExploreAsBadInput(input: Pick<QueryInput, 'model' | 'view'>): (error: unknown) => never {
  return (error) => {
    if (error instanceof LookerError && error.code === 'NOT_FOUND') {
      throw badUserInput('input.view', `Explore "${input.model}::${input.view}" does not exist or is not accessible.`);
    }
    throw error;
  };
}
