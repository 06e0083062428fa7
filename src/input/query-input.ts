import type { IWriteQuery } from '@looker/sdk';
import { badUserInput, boundedList, boundedText, lookmlName, maxFilterExpressionLength, rowLimit } from './arguments';
import type { QueryInput } from '../generated/resolvers-types';
import { LookerError } from '../looker/errors';

/** Most fields, filters, sorts or pivots one ad-hoc query may name. */
export const maxQueryListItems = 200;
/** Longest field reference (`view.field`, or a sort such as `view.field desc`). */
export const maxFieldReferenceLength = 300;
/** Longest `dynamic_fields` text (custom fields and table calculations, as Looker's JSON). */
export const maxDynamicFieldsLength = 20_000;
/** Longest custom filter (`filter_expression`): a few conditions, not a program. */
export const maxCustomFilterLength = 5_000;
/** Longest time zone name (IANA names are at most about 30 characters). */
export const maxTimezoneLength = 64;

/** `dynamic_fields` must be Looker's JSON: an array of objects. Checked here so a typo is named, not a Looker 422. */
function dynamicFields(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined;
  boundedText('input.dynamicFields', text, maxDynamicFieldsLength);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badUserInput(
      'input.dynamicFields',
      'Argument "input.dynamicFields" must be JSON: an array of custom fields and table calculations.',
    );
  }
  if (!Array.isArray(parsed) || !parsed.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e))) {
    throw badUserInput(
      'input.dynamicFields',
      'Argument "input.dynamicFields" must be a JSON array of objects, as Looker writes `dynamic_fields`.',
    );
  }
  return text;
}

/** A time zone name (`America/New_York`, `UTC`, `Etc/GMT+5`); Looker also accepts `user_timezone`. */
function timezone(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined;
  boundedText('input.queryTimezone', text, maxTimezoneLength);
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text))
    throw badUserInput(
      'input.queryTimezone',
      'Argument "input.queryTimezone" must be a time zone name such as "America/New_York".',
    );
  return text;
}

/** Looker's `row_total`: `right` puts the row totals of a pivoted query in a column of their own. */
function rowTotal(text: string | null | undefined): string | undefined {
  if (text === null || text === undefined) return undefined;
  if (text !== 'right' && text !== 'left')
    throw badUserInput('input.rowTotal', 'Argument "input.rowTotal" must be "right" (or "left").');
  return text;
}

/**
 * Filters as Looker's `filters` object (field → expression), each bounded; `argumentName` names
 * the argument in errors (`input.filters`, `filters`). A field named twice keeps its last expression.
 */
export function filterRecord(
  argumentName: string,
  filters: readonly { field: string; expression: string }[],
): Record<string, string> {
  return Object.fromEntries(
    boundedList(argumentName, filters, maxQueryListItems).map((f, i) => [
      boundedText(`${argumentName}[${i}].field`, f.field, maxFieldReferenceLength),
      boundedText(`${argumentName}[${i}].expression`, f.expression, maxFilterExpressionLength),
    ]),
  );
}

/**
 * Converts the GraphQL query input (`runQuery`, `startQuery`) to Looker's `WriteQuery`.
 * It validates what Looker would not explain well: BAD_USER_INPUT naming the argument, before any
 * Looker call.
 */
export function writeQuery(input: QueryInput): IWriteQuery {
  lookmlName('input.model', input.model);
  lookmlName('input.view', input.view);
  if (input.fields.length === 0)
    throw badUserInput('input.fields', 'Argument "input.fields" must name at least one field.');
  const limit = rowLimit('input.limit', input.limit);
  const names = (argumentName: string, values: readonly string[] | null | undefined) =>
    values
      ? boundedList(argumentName, values, maxQueryListItems).map((v, i) =>
          boundedText(`${argumentName}[${i}]`, v, maxFieldReferenceLength),
        )
      : undefined;
  return {
    model: input.model,
    view: input.view,
    fields: names('input.fields', input.fields),
    filters: input.filters ? filterRecord('input.filters', input.filters) : undefined,
    sorts: names('input.sorts', input.sorts),
    pivots: names('input.pivots', input.pivots),
    fill_fields: names('input.fillFields', input.fillFields),
    limit: limit === undefined ? undefined : String(limit),
    total: input.total ?? undefined,
    row_total: rowTotal(input.rowTotal),
    dynamic_fields: dynamicFields(input.dynamicFields),
    query_timezone: timezone(input.queryTimezone),
    filter_expression:
      input.filterExpression === null || input.filterExpression === undefined || input.filterExpression.trim() === ''
        ? undefined
        : boundedText('input.filterExpression', input.filterExpression, maxCustomFilterLength),
  };
}

/**
 * Looker answers 404 for a model or explore that does not exist or is outside the user's model set.
 * For an ad-hoc query that is the caller's input at fault (BAD_USER_INPUT on `input.view`).
 */
export function unknownExploreAsBadInput(input: Pick<QueryInput, 'model' | 'view'>): (error: unknown) => never {
  return (error) => {
    if (error instanceof LookerError && error.code === 'NOT_FOUND') {
      throw badUserInput('input.view', `Explore "${input.model}::${input.view}" does not exist or is not accessible.`);
    }
    throw error;
  };
}
