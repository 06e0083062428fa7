import { GraphQLError } from 'graphql';

/** A `BAD_USER_INPUT` error that names the offending argument. */
export function badUserInput(argumentName: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });
}

// Looker ids are short tokens; a comma would turn one id into a search for several.
const idPattern = /^[A-Za-z0-9_:.-]{1,100}$/;

/** Validates a Looker content id argument (look, dashboard, folder). */
export function contentId(argumentName: string, value: string): string {
  if (!idPattern.test(value)) throw badUserInput(argumentName, `Argument "${argumentName}" is not a valid Looker id.`);
  return value;
}

/** Largest number of rows a result may ask for (Looker's own cap for JSON results). */
export const maxRowLimit = 5000;

/** Validates an optional row limit argument. */
export function rowLimit(argumentName: string, value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > maxRowLimit) {
    throw badUserInput(argumentName, `Argument "${argumentName}" must be between 1 and ${maxRowLimit}.`);
  }
  return value;
}

const namePattern = /^[A-Za-z0-9_]{1,200}$/;

/** Validates a LookML name (model or explore). */
export function lookmlName(argumentName: string, value: string): string {
  if (!namePattern.test(value)) throw badUserInput(argumentName, `Argument "${argumentName}" is not a valid LookML name.`);
  return value;
}
