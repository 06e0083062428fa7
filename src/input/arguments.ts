import type { GraphQLError } from 'graphql';
import { graphqlError } from '../errors';
import { defaultMaxResultRows } from '../looker/row-bound';

/** A `BAD_USER_INPUT` error that names the offending argument. */
export function badUserInput(argumentName: string, message: string): GraphQLError {
  return graphqlError('BAD_USER_INPUT', message, { argumentName });
}

// Looker ids are short tokens; a comma would turn one id into a search for several.
const idPattern = /^[A-Za-z0-9_:.-]{1,100}$/;

/** Validates a Looker content id argument (look, dashboard, folder). */
export function contentId(argumentName: string, value: string): string {
  if (!idPattern.test(value)) throw badUserInput(argumentName, `Argument "${argumentName}" is not a valid Looker id.`);
  return value;
}

/**
 * Largest `limit` a result argument takes: MAX_RESULT_ROWS' default. A lower MAX_RESULT_ROWS still
 * bounds what is read (the result then says `truncated`).
 */
export const maxRowLimit = defaultMaxResultRows;

/** Validates an optional row limit argument. */
export function rowLimit(argumentName: string, value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > maxRowLimit) {
    throw badUserInput(argumentName, `Argument "${argumentName}" must be between 1 and ${maxRowLimit}.`);
  }
  return value;
}

/** Validates a free-text argument's length, so no caller can send Looker a document as a search. */
export function boundedText(argumentName: string, value: string, maxLength: number): string {
  if (value.length > maxLength) {
    throw badUserInput(
      argumentName,
      `Argument "${argumentName}" must be at most ${maxLength} characters (got ${value.length}).`,
    );
  }
  return value;
}

/** Validates a list argument's length. */
export function boundedList<T>(argumentName: string, values: readonly T[], maxItems: number): readonly T[] {
  if (values.length > maxItems) {
    throw badUserInput(
      argumentName,
      `Argument "${argumentName}" may hold at most ${maxItems} items (got ${values.length}).`,
    );
  }
  return values;
}

/** Longest Looker filter expression a caller may send (`Complete,Shipped`, `>100`, `7 days`, …). */
export const maxFilterExpressionLength = 1000;

/** Validates an optional count argument (`first`) against its range. */
export function countArgument(
  argumentName: string,
  value: number | null | undefined,
  fallback: number,
  max: number,
): number {
  const count = value ?? fallback;
  if (!Number.isInteger(count) || count < 1 || count > max)
    throw badUserInput(argumentName, `Argument "${argumentName}" must be between 1 and ${max}.`);
  return count;
}

const namePattern = /^[A-Za-z0-9_]{1,200}$/;

/** Validates a LookML name (model or explore). */
export function lookmlName(argumentName: string, value: string): string {
  if (!namePattern.test(value))
    throw badUserInput(argumentName, `Argument "${argumentName}" is not a valid LookML name.`);
  return value;
}
